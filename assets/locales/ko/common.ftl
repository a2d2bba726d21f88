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

## 핵심 열거형의 이름 (기계용 이름으로 id를 만듭니다: role-load)

role-import = 임포트
role-config = 설정
role-setup = 환경 준비
role-load = 불러오기
role-clean = 정제
role-explore = 탐색
role-feature = 특성 공학
role-split = 분할
role-train = 학습
role-tune = 튜닝
role-evaluate = 평가
role-predict = 예측
role-visualize = 시각화
role-persist = 저장
role-define = 정의
severity-info = 정보
severity-warning = 경고
severity-error = 오류
destination-domain = 도메인 모델
destination-repository = 저장소
destination-service = 서비스 계층
destination-entrypoint = 진입점
destination-config = 설정
destination-exploration = 탐색
destination-drop = 버림
family-hidden-state = 숨은 상태와 실행 순서 (PA1xx)
family-structure = 책임과 구조 (PA2xx)
family-reproducibility = 재현성과 이식성 (PA3xx)
family-ml-pitfalls = ML 함정 (PA4xx)
family-unreadable = 읽거나 파싱할 수 없음 (PA9xx)

## 한 문장에 합쳐진 발견

merged-finding = { $message }. 또한 { $also } ({ $code })

## 보고서 (SARIF, GitLab)

report-with-fix = { $message } 고치는 법: { $fix }
report-related = 셀 { $cell }: { $message }
report-gitlab-description = { $code } { $message } (셀 { $cell }, { $line }행)

## docs/rules.ko.md (`pyarch rules --format markdown --lang ko`)

rules-md-intro =
    # pyarch 규칙

    `pyarch rules --format markdown --lang ko`로 생성했습니다. 손으로 고치지 마세요.

    규칙 가운데 *기본*으로 표시한 것은 `--select` 없이 `pyarch check`가 보고하고 앱의 기본 보기에 나옵니다. 나머지는 `--select`(모든 규칙은 `--select ALL`)나 앱의 "모든 규칙" 필터로만 나옵니다.
rules-md-header = | 코드 | 이름 | 심각도 | 기본 | 요약 |
rules-md-default = 기본
rules-md-footer = 기본 심각도: { $severity }. 분류: { $family }. { $default ->
    [yes] 기본 묶음에 들어 있습니다.
   *[no] 기본 묶음에 없습니다: `--select`로 고르세요.
}
