# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## 목록과 위치

list-and = { $init }, { $last }
list-or = { $init } 또는 { $last }
list-and-more = { $init } 외 { $count }개
line = { $line }행
line-range = { $first }–{ $last }행
cells = 셀 { $list }

## 한 문장에 합쳐진 발견

merged-finding = { $message }. 또한 { $also } ({ $code })

## Transitional: a sentence a rule still formats itself

untranslated = { $text }
