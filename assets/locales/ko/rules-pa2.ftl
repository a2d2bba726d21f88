# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## PA2xx 규칙: 책임과 구조

## PA201 mixed-responsibilities

pa201-group-io = 입출력
pa201-group-transform = 변환
pa201-group-model = 모델링
pa201-group-evaluate = 평가
pa201-group-visualize = 시각화
pa201-lines = { $lines }행
pa201-part = { $group }({ $lines })
pa201-destination = { $lines } → { $destination }
pa201-to-saving-repository = adapters/ (모델이나 결과를 저장하는 저장소)
pa201-to-repository = adapters/repository.py (추상 인터페이스 뒤의 저장소)
pa201-to-domain = domain/ (순수 함수: 프레임을 받아 프레임을 돌려줌)
pa201-to-predict = service_layer/services.py (`predict` 유스케이스)
pa201-to-train = service_layer/services.py (`train_model` 유스케이스)
pa201-to-evaluate = service_layer/services.py (`evaluate_model` 유스케이스)
pa201-to-exploration = 탐색 (패키지 밖의 notebooks/exploration.py)
pa201-mixes = 셀 하나에 책임 { $count }가지가 섞여 있습니다: { $parts }
pa201-fix = 책임이 바뀌는 곳에서 셀을 나누세요: { $destinations }. 나눈 부분은 지금은 각자의 셀이 되고, 내보낼 때는 각자의 함수가 됩니다.

## PA202 long-cell

pa202-step = { $role }({ $first }–{ $last }행)
pa202-fix-steps = 단계마다 셀 하나로 나누고, 각 단계를 이름 있는 함수로 옮기세요: { $steps }.
pa202-fix = 한 단계씩 셀로 나누고, 단계들을 셀이 호출하는 이름 있는 함수로 옮기세요.
pa202-long-cell = 셀의 최상위 코드가 { $count }줄입니다({ $limit }줄 초과)

## PA203 scattered-imports

pa203-statement = { $code }
pa203-statements = 셀 { $cell }의 임포트 문 { $count }개
pa203-imported-late = { $names }을(를) 임포트 셀(셀 { $first }) 뒤인 셀 { $cell }에서 임포트합니다
pa203-fix = { $statements }을(를) 다른 임포트와 함께 셀 { $first }로 옮겨서, 노트북의 의존성을 한곳에 선언하세요.

## PA204 duplicated-code

pa204-same-names = 이름도 같습니다(리터럴은 다를 수 있습니다)
pa204-other-names = 이름만 다릅니다({ $renames })
pa204-fix-copy = 한 벌만 남기세요: 셀 { $other }의 코드를 한 번만 실행하거나, 두 곳에서 호출하는 함수로 뽑아내세요.
pa204-fix-extract = 반복되는 코드를 다른 이름들({ $params })을 매개변수로 받는 함수 하나로 뽑아내 domain/(모델링 단계라면 service_layer/)에 두고, 셀 { $other }과 여기서 호출하세요.
pa204-repeats = 이 { $count ->
    [one] 문장
   *[other] 문장 { $count }개
}({ $lines })이(가) 셀 { $other }({ $other_lines })과 같은 코드입니다. { $how }

## PA205 exploration-leftover

pa205-only-displays = { $count ->
    [one] { $code }은(는)
   *[other] { $code }부터 문장 { $count }개는
} { $of ->
    [none] {""}
   *[other] { $of }의{" "}
}보기를 출력하기만 합니다. 뒤의 셀(셀 { $last }까지)이 여전히 파이프라인을 만듭니다
pa205-fix = 지우거나, 내보낸 패키지에 들어가지 않는 탐색 노트북(notebooks/exploration.py)으로 옮기세요.

## PA206 scattered-io

pa206-cell-calls = 셀 { $cell }({ $calls })
pa206-scattered = 데이터를 셀 { $count }개에서 읽거나 씁니다: { $cells }
pa206-fix = 모든 읽기와 쓰기를 config.py의 경로로 설정한 adapters/repository.py의 저장소 하나 뒤에 두고(예: `load_train()`, `save_submission()`), 서비스 계층에서 호출하세요.

## PA207 not-modularisable

pa207-star-import = `from { $module } import *` 때문에 이 노트북이 어떤 이름을 쓰는지 알 수 없습니다
pa207-star-import-fix = 쓰는 이름을 임포트하세요(`from x import a, b`). 그러면 pyarch가 셀마다 함수 하나로 내보내는 대신 함수를 추출합니다.
pa207-dynamic = `exec`/`eval`/`globals()`은 어떤 이름이든 읽거나 바인딩할 수 있습니다
pa207-dynamic-fix = 동적 코드를 명시적인 대입이나 dict로 바꾸세요. 그러면 pyarch가 셀마다 함수 하나로 내보내는 대신 함수를 추출합니다.
pa207-global-writes = 이 함수는 노트북 전역 변수 `{ $names }`을(를) 바꿉니다
pa207-global-writes-fix = 대신 새 값을 반환하고 함수를 호출하는 곳에서 대입하세요. 그러면 pyarch가 셀마다 함수 하나로 내보내는 대신 함수를 추출합니다.
