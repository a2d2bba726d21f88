# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## 내보낸 패키지

## 코드의 출처와 하는 일 (독스트링과 주석)

export-source-with-id = 셀 { $cell } ({ $id }), { $first }-{ $last }행
export-source = 셀 { $cell }, { $first }-{ $last }행
export-doing-step = 단계
export-role-import = 임포트
export-role-config = 설정
export-role-setup = 환경 준비
export-role-load = 불러오기
export-role-clean = 정제
export-role-explore = 탐색
export-role-feature = 특성 만들기
export-role-split = 분할
export-role-train = 학습
export-role-tune = 하이퍼파라미터 튜닝
export-role-evaluate = 평가
export-role-predict = 예측
export-role-visualize = 시각화
export-role-persist = 저장
export-role-define = 정의
export-function-doc = { $doing }: { $source }에서 옮겨 왔습니다.
export-changes-in-place = { $returned ->
    [no] { $names } 값을 그 자리에서 바꿉니다(뒤에서 읽는 곳이 없어 반환하지 않습니다).
   *[other] { $names } 값을 그 자리에서 바꾸고 반환합니다.
}
export-from = 출처: { $source }.
export-sentence = { $text }.
export-use-case-changes = { $names } 값을 그 자리에서 바꿉니다.
export-use-case-returns = { $names } 값을 반환합니다.
export-run-pipeline-doc =
    노트북의 유스케이스를 차례로 실행합니다. `{ $until }`(USE_CASES 중 하나)를 주면
    거기까지만 실행하고, 다음 단계로 넘겨주는 값들을 이름별로 반환합니다.
export-cell = 셀 { $cell }
export-cell-exploration = 셀 { $cell } (탐색)
export-cell-skipped = 셀 { $cell } 건너뜀: { $reason }

## README.md

export-readme-generated = pyarch가 주피터 노트북에서 만든 패키지입니다. 『파이썬으로 살펴보는 아키텍처 패턴』(코스믹 파이썬)의 구조를 따릅니다(수준 { $level }).
export-readme-run = 실행
export-readme-run-api = POST /predict로 예측 (FastAPI)
export-readme-run-in-folder = 노트북을 실행했던 폴더에서
export-readme-run-until = 유스케이스 하나까지만 실행
export-readme-use-cases = 유스케이스
export-readme-use-cases-intro = `service_layer/services.py`는 노트북을 다음 유스케이스로 나누어 차례로 실행합니다. 각 유스케이스는 첫 인자로 { $takes ->
    [uow] 작업 단위(unit of work)를
   *[repository] 저장소(repository)를
} 받습니다:
export-readme-tests = 테스트
export-readme-tests-text = `tests/unit`은 파일 없이 계획된 함수와 저장소 계약을 확인합니다{ $unit ->
    [replayed] . 또한 메모리 안의 가짜 저장소로 `tests/fixtures`(노트북이 읽는 파일마다 앞쪽 행, 최대 1,000행 또는 64 KiB)에서 유스케이스를 실행하고, 유스케이스가 호출하는 도메인 함수마다 그 함수를 만든 노트북 문장과 결과를 비교합니다(`NOTEBOOK_CODE`: 함수가 계산하는 값이 바뀌면 여기서 실패합니다. 의도한 변경이면 그 항목을 고치세요)
    [fixtures] . 또한 메모리 안의 가짜 저장소로 `tests/fixtures`(노트북이 읽는 파일마다 앞쪽 행, 최대 1,000행 또는 64 KiB)에서 유스케이스를 실행합니다
   *[contract] {""}
}. `tests/e2e`는 데이터 폴더에서 진입점을 실행합니다(`{ $data_env }`를 설정하세요. 데이터가 없으면 그 이름을 알리며 테스트를 건너뜁니다){ $lines ->
    [0] . 노트북에 비교할 출력이 저장되어 있지 않습니다.
   *[other] . 그리고 출력을 노트북이 저장한 출력 { $lines }줄과 비교합니다(소수점이 있는 숫자는 마지막 자리가 1만큼 달라도 됩니다. 마커 `saved_output`).
}
export-readme-tests-omitted = 다시 똑같이 나올 수 없어서 비교에서 뺀 줄:
export-readme-layout = 구조
export-readme-traceability = 추적
export-readme-from = 출처
export-readme-notes = 참고
export-readme-findings = 남은 발견
export-readme-no-findings = 없습니다.
export-readme-findings-header = | 코드 | 심각도 | 셀 | 줄 | 메시지 |
