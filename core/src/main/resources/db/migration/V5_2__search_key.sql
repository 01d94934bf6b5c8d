-- Folding for searches that find full-width/half-width, hiragana/katakana and upper/lower
-- case variants alike (core.input.SearchKey does the same in Java): NFKC, hiragana to
-- katakana, ASCII letters to lower case. Needs a UTF8 database (as the application does).
CREATE FUNCTION lc_search_key(value TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT translate(normalize(coalesce(value, ''), NFKC),
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞABCDEFGHIJKLMNOPQRSTUVWXYZ',
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾabcdefghijklmnopqrstuvwxyz')
$$;
