package jp.ac.umin.libreclinica.ws.api.crf;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A CRF a study uses: the CRF with its versions, and the event definitions it is attached to. */
@Schema(name = "StudyCrf")
public record StudyCrfJson(CrfJson crf, List<EventCrfJson> usedIn) {}
