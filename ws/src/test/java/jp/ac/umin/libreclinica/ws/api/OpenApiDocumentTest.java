package jp.ac.umin.libreclinica.ws.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.ac.umin.libreclinica.wstest.WsTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WsTestApplication.class)
@AutoConfigureMockMvc
public class OpenApiDocumentTest {

  @Autowired MockMvc mvc;

  @Test
  public void theOpenApiDocumentIsServedWithoutATokenAndDescribesTheApi() throws Exception {
    mvc.perform(get(ApiSecurityConfiguration.OPENAPI_PATH))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.openapi").value(org.hamcrest.Matchers.startsWith("3.")))
        .andExpect(jsonPath("$.info.title").value("UMIN LibreClinica API"))
        .andExpect(jsonPath("$.paths['/api/v1/me'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/crfs'].post.requestBody.content['multipart/form-data']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/crfs'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/study-imports'].post.requestBody.content['multipart/form-data']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/study-imports/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/crfs/{oid}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/crfs'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/event-definitions/{eventOid}/crfs'].post").exists())
        .andExpect(jsonPath("$.components.schemas.CrfProblem.properties.sheet").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/notes'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/notes'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/notes/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/notes/{id}/answers'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/notes/{id}/close'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/event-crfs/{id}/sdv'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/event-crfs/{id}/sdv'].put").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/odm-imports'].post.requestBody.content['application/xml']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/odm-imports/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/odm-imports/{id}/import'].post").exists())
        .andExpect(jsonPath("$.components.schemas.OdmImportProblem.properties.line").exists())
        .andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"))
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/subjects'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{oid}/subjects'].post.responses['400']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/subjects/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/subjects/{id}/events'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/study-events/{id}/forms'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/study-events/{id}/event-crfs'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/event-crfs/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/event-crfs/{id}/items'].put.responses['409']").exists())
        .andExpect(jsonPath("$.components.schemas.ItemDataWrite").exists())
        .andExpect(jsonPath("$.components.schemas.SubjectMatrixPage").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets'].post.responses['400']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets/{id}'].put").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets/{id}/copy'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets/{id}/remove'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/studies/{studyOid}/datasets/{id}/restore'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/datasets/{id}/extracts'].post.responses['202']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/datasets/{id}/extracts'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/extracts/{jobId}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/extracts/{jobId}/file'].get.responses['200'].content['application/zip']").exists())
        .andExpect(jsonPath("$.paths['/actuator/health']").doesNotExist());
  }
}
