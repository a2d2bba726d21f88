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
    노트북의 유스케이스를 차례로 실행합니다. `until`(USE_CASES 중 하나)를 주면
    거기까지만 실행하고, 다음 단계로 넘겨주는 값들을 이름별로 반환합니다.
export-pipeline-steps-doc = 유스케이스를 차례로 실행하며, 각 유스케이스의 이름과 그것이 넘겨주는 값들을 내놓습니다.
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
    [replayed] . 또한 메모리 안의 가짜 저장소로 `tests/fixtures`(노트북이 읽는 파일마다 앞쪽 행, 최대 1,000행 또는 64 KiB)에서 유스케이스를 실행하고, 각 유스케이스와 그것이 호출하는 도메인 함수를 그것을 만든 노트북 문장과 비교합니다(`USE_CASE_CODE`, `NOTEBOOK_CODE`: 계산하거나 출력하는 것이 바뀌면 여기서 실패합니다. 의도한 변경이면 그 항목을 고치세요)
    [no-files] . 또한 노트북이 라이브러리에서 불러오는 데이터로(파일은 읽지 않습니다) 메모리 안의 가짜 저장소를 통해 유스케이스를 실행하고, 각 유스케이스와 그것이 호출하는 도메인 함수를 그것을 만든 노트북 문장과 비교합니다(`USE_CASE_CODE`, `NOTEBOOK_CODE`: 계산하거나 출력하는 것이 바뀌면 여기서 실패합니다. 의도한 변경이면 그 항목을 고치세요)
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

## 생성한 모듈, 클래스, 함수의 독스트링 (plan/render.rs의 ⟪id⟫ 표시)

export-fallback-cli-1 = 노트북의 모든 셀을 차례로 실행하고 모듈의 값들을 이름별로 반환합니다.
export-fallback-cli-2 = 노트북의 셀들을 실행합니다.
export-thin-cli-1 = 데이터 폴더와, 어느 유스케이스까지 실행할지.
export-thin-cli-2 = 데이터 폴더의 파일로 유스케이스를 실행합니다.
export-e2e-test-cli-1 = 노트북이 읽는 입력 파일 가운데 데이터 폴더에 없는 것.
export-e2e-test-cli-2 = 데이터 폴더에서 실행한 진입점. 데이터가 없으면 건너뜁니다.
export-e2e-test-cli-3 = 소수점으로 쓴 숫자의 마지막 자리 한 단위.
export-e2e-test-cli-4 =
    같은 줄인지 봅니다. 다만 소수점이 있는 숫자는 마지막 자리가 1만큼 달라도 되고,
    연속된 공백은 공백 하나로 셉니다.
export-e2e-test-cli-5 = 노트북이 출력한 각 줄이 출력의 어디에 있는지 순서대로 찾습니다(없으면 None).
export-unit-test-api-1 =
    HTTP 진입점은 불러온 모델로 예측합니다. 여기서는 가짜 모델을 씁니다(파일도,
    학습 데이터도 없습니다).
export-unit-test-api-2 = 행마다 값들의 합을 예측합니다.
export-api-through-views-2 = 학습된 모델. 읽기 쪽(`views.saved_model`)에서 한 번 읽어 옵니다.
export-file-api-1 = 학습된 모델. 저장소를 통해 한 번 불러옵니다.
export-file-api-2 = 앱이 시작할 때 모델을 불러옵니다.
export-file-api-3 = 불러온 모델로 `payload["instances"]`의 레코드를 예측합니다.
export-file-api-4 =
    유스케이스를 한 번 실행하고(노트북의 예측 함수가 그 계산 결과를 씁니다)
    유스케이스가 넘겨주는 값들을 보관합니다.
export-file-api-5 = `payload["instances"]`의 레코드를 예측합니다.
export-file-unit-of-work-1 = 작업 단위: 저장소를 소유하고 작업을 언제 커밋할지 정하는 한 곳입니다.
export-file-message-bus-1 = 커맨드: 바깥 세계가 서비스 계층에 요청하는 일(단순한 데이터).
export-file-message-bus-2 = 서비스 계층에 보내는 요청.
export-file-message-bus-3 =
    노트북의 유스케이스를 차례로 실행합니다. `until`(services.USE_CASES에 있는
    이름)을 주면 거기까지만 실행합니다.
export-file-message-bus-4 = 이벤트: 일어난 일(단순한 데이터).
export-file-message-bus-5 = 서비스 계층이 한 일.
export-file-message-bus-6 = 유스케이스가 실행되었습니다. `names`는 유스케이스가 넘겨준 값들입니다.
export-file-message-bus-7 =
    핸들러: 커맨드마다 하나씩 있고, 작업 단위와 이벤트 발행 함수는 부트스트랩이
    주입합니다.
export-file-message-bus-8 = `cmd.until`까지 유스케이스를 실행하고 PipelineCompleted를 발행합니다.
export-file-message-bus-9 =
    읽기 쪽(명령-질의 책임 분리(CQRS), 12장): 쓰기 쪽이 저장한 것으로 답하고 아무것도
    바꾸지 않는 질의입니다. 학습은 모델을 저장하는 커맨드(`commands.RunPipeline`, 메시지
    버스를 거칩니다)이고, 새 레코드를 예측하는 일은 모델을 읽기만 하므로 API는 버스를
    거치지 않고 이 질의를 바로 부릅니다.
export-file-message-bus-10 =
    학습 유스케이스가 저장한 모델을 작업 단위를 통해 읽습니다(아무것도 커밋하지
    않습니다).
export-file-message-bus-11 = `records`(행마다 특성 값의 dict 하나)에 대한 모델의 예측.
export-file-message-bus-12 = 메시지 버스: 각 커맨드를 그 핸들러에 넘기고, 그때 생긴 이벤트를 이벤트 핸들러에 넘깁니다.
export-file-message-bus-13 = 커맨드 타입별 커맨드 핸들러와 이벤트 타입별 이벤트 핸들러.
export-file-message-bus-14 = 이벤트를 큐에 넣습니다. 지금 처리 중인 커맨드가 끝나면 처리됩니다.
export-file-message-bus-15 = 커맨드의 핸들러를 실행한 뒤, 그 커맨드가 일으킨 이벤트의 핸들러들을 실행합니다.
export-file-message-bus-16 = 조립 지점(composition root): 실제 어댑터를 핸들러에 연결합니다.
export-file-message-bus-17 = 메시지 버스를 만듭니다. 작업 단위를 주지 않으면 파일을 쓰는 작업 단위를 씁니다.
export-file-exploration-1 =
    패키지와 따로 둔 탐색 코드: 노트북이 데이터를 살펴보고 그린 코드를, 노트북의 순서대로
    패키지의 함수와 함께 실행합니다. 패키지는 이 파일을 임포트하지 않습니다.

        PYTHONPATH=src python notebooks/exploration.py
export-file-tests-1 = 저장소 계약을 메모리 안의 가짜 저장소로 확인합니다(파일은 건드리지 않습니다).
export-file-tests-2 = 작업 단위는 저장소를 소유하고, 끝난 작업만 커밋합니다.
export-file-tests-3 = 커맨드는 버스를 거쳐, 주입된 작업 단위와 함께 그 핸들러로 갑니다.
export-file-tests-4 = 행마다 값들의 합을 예측합니다.
export-file-tests-5 = HTTP 진입점은 노트북의 예측을 그대로 돌려줍니다.

## 모듈과 클래스의 독스트링

export-config-doc = 경로, 하이퍼파라미터, 시드: 노트북이 코드에 직접 적어 둔 상수들.
export-config-paths = 노트북의 불러오기와 저장 호출에 직접 적혀 있던 경로.
export-domain-doc = 도메인 모델: 데이터의 순수한 변환(프레임을 받아 프레임을 돌려줌). 입출력은 없습니다.
export-services-doc =
    서비스 계층: 노트북의 유스케이스. 각 유스케이스는 { $takes ->
        [uow] 작업 단위
       *[repository] 저장소
    }(`{ $arg }`)를 받아
    그것을 통해 불러오고, 도메인을 호출하고, 그것을 통해 저장하고, 결과를 반환합니다.
export-serving-doc =
    학습된 모델로 새 레코드(행마다 dict 하나인 리스트)를 예측합니다:
    HTTP 진입점이 제공하는 기능입니다.
export-services-fallback-doc =
    서비스 계층: 대체 방식에서는 비어 있습니다. 노트북의 셀들이 entrypoints/cli.py의
    함수로 모듈 전역 변수 위에서 실행됩니다.
export-repository-doc =
    어댑터: 노트북의 모든 불러오기와 저장을 추상 저장소 뒤에 둡니다. 파일로 구현한
    저장소와 테스트용 메모리 안의 가짜 저장소가 있습니다.
export-abstract-repository-doc = 파이프라인에 필요한 불러오기와 저장.
export-file-repository-doc = 노트북이 쓰던 파일을 읽고 씁니다.
export-fake-repository-doc = 테스트용으로 메모리 안에 둡니다: 받은 결과를 돌려주고 모든 호출을 기록합니다.

## 테스트 모듈, 패키지의 명령줄과 API

export-unit-test-use-cases-1 =
    가짜 저장소. 불러오기는 파일 저장소가 샘플에서 읽는 것을
    돌려줍니다.
export-unit-test-use-cases-2 = 샘플을 담은 가짜 저장소.
export-domain-against-notebook-1 = 샘플로 실행할 때 각 도메인 함수가 처음 호출될 때의 인자들.
export-domain-against-notebook-2 = 두 번의 실행 앞에 같은 난수 상태를 맞춥니다.
export-domain-against-notebook-3 = 함수의 (결과, 호출 뒤의 인자), 그다음 노트북 코드의 (결과, 호출 뒤의 인자).
export-domain-against-notebook-4 =
    같은 값인지 봅니다: 프레임과 배열은 내용으로(NaN은 NaN과 같습니다), 컨테이너는
    항목마다, 다른 객체(학습된 모델)는 피클한 상태로 비교합니다.
export-unit-test-use-cases-doc =
    유스케이스를 노트북 데이터의 샘플(tests/fixtures: 노트북이 읽는 파일마다 앞쪽 행)로
    메모리 안의 가짜 저장소를 통해 실행합니다: 불러오기는 샘플을 돌려주고, 저장은
    기록만 하며, 파일은 쓰지 않습니다.
export-unit-test-use-cases-doc-no-files =
    유스케이스를 노트북이 라이브러리에서 불러오는 데이터로(노트북은 파일을 읽지 않습니다)
    메모리 안의 가짜 저장소를 통해 실행합니다: 불러오기는 그 데이터를 돌려주고, 저장은
    기록만 하며, 파일은 쓰지 않습니다.
export-unit-test-use-cases-4 = 노트북이 읽는 파일의 샘플, 그 파일의 인코딩으로.
export-unit-test-use-cases-encodings = UTF-8이 아닌 파일의 샘플 -> 그 파일의 인코딩(픽스처는 UTF-8입니다).
export-unit-test-use-cases-samples = 노트북이 읽는 파일의 config 이름 -> 그 샘플.
export-notebook-code-comment =
    각 도메인 함수를 그 함수를 만든 노트북 코드와 비교합니다. 파이프라인을 위와 같이
    샘플로 실행하면서 각 도메인 함수의 첫 호출을 기록하고, 그 호출을 함수로 한 번,
    노트북의 원래 문장으로 한 번 다시 실행합니다(NOTEBOOK_CODE: "run"은 매개변수를
    묶은 채 문장들을 실행하고, "call"은 노트북의 함수를 정의해서 호출합니다). 두 번 모두
    같은 난수 시드로 실행하고, 결과가 같고 인자도 똑같이 남아야 합니다. 함수가
    계산하는 값을 바꾸면 여기서 실패합니다. 일부러 바꾼 것이라면 그 항목을 고치거나
    지우세요.
export-use-case-code-comment =
    각 유스케이스를 그것이 실행하는 노트북 문장과 비교합니다. 파이프라인을 샘플로
    실행하면서 각 유스케이스의 첫 호출을 기록하고, 그 호출을 서비스 계층과 노트북
    문장으로 (같은 매개변수, 같은 난수 시드로) 다시 실행합니다. 둘은 같은 값을
    돌려주고, 인자를 같게 남기고, 같은 줄을 출력하고, matplotlib 설정을 같게 남겨야
    합니다. 노트북 코드를 두 번 실행했을 때 달라지는 출력 줄(시간 등)은 비교하지 않습니다.
export-use-case-outputs-comment = 노트북이 쓰는 파일(config.py의 이름): 노트북 코드는 임시 폴더에 씁니다.
export-use-cases-against-notebook-5 = 열린 그림이 보여 주는 것(축마다 제목, 레이블, 아티스트 수)과 그리는 데이터; 그림을 닫습니다.
export-use-cases-against-notebook-1 = 샘플로 실행할 때 각 유스케이스의 첫 호출 인자.
export-use-cases-against-notebook-2 = 함수가 돌려주는 값, 출력(주소는 가림), 남기는 matplotlib 설정.
export-use-cases-against-notebook-3 = 유스케이스의 노트북 문장을 그 매개변수의 함수로 만든 것.
export-use-cases-against-notebook-6 = 수의 모양과 해시(수가 아니면 텍스트의 해시).
export-use-cases-against-notebook-7 = 축이 그리는 것의 지문(점, 값, 외곽선, 텍스트, 범위).
export-use-cases-against-notebook-8 = 그린 데이터가 처음으로 다른 그림, 축, 아티스트.
export-use-cases-against-notebook-9 = 값들 가운데 축과 그림이 그리는 것(유스케이스는 받은 축에 그릴 수 있습니다).
export-notebook-saves-comment =
    저장소의 각 저장을 그것을 만든 노트북 문장과 비교합니다: 샘플로 실행할 때의 첫 호출
    인자를 파일 저장소와 노트북 코드로 (각각 따로 된 폴더에) 저장하면 같은 파일이 같은
    바이트로 나와야 합니다.
export-saves-against-notebook-1 = 샘플로 실행할 때 각 저장의 첫 호출 인자.
export-saves-against-notebook-2 = 함수가 새 폴더에 쓰는 파일과 그 바이트.
export-saves-against-notebook-3 = 저장의 노트북 문장을 그 매개변수의 함수로 만든 것.
export-use-cases-against-notebook-4 = 노트북이 쓰는 파일의 폴더들, 현재 폴더 아래에.
export-notebook-loads-comment =
    저장소의 각 불러오기를 그것을 만든 노트북 문장과 샘플로 비교합니다: 같은 방식으로
    읽은 같은 프레임이어야 합니다.
export-no-numpy = 노트북이 numpy를 쓰지 않습니다
export-no-pandas = 노트북이 pandas를 쓰지 않습니다
export-returns-comment = 각 유스케이스가 반환하는 값들의 이름(순서대로).
export-inputs-comment = 노트북이 읽는 파일: config.py의 이름, 데이터 폴더에 대한 상대 경로.
export-expected-comment =
    노트북이 출력한 내용, 셀별로(저장된 출력. 다시 똑같이 나올 수 없어서 뺀 줄은
    README에 있습니다).
export-outputs-comment = 노트북이 쓰는 파일: config.py의 이름, 데이터 폴더에 대한 상대 경로.
export-thin-cli-doc =
    진입점: 명령줄을 해석하고, 실제 어댑터를 만들고, 서비스 계층의 유스케이스를
    실행합니다.

        PYTHONPATH=src python -m { $pkg }.entrypoints.cli [--data-dir DIR] [--until USE_CASE]
export-thin-cli-description = 노트북의 유스케이스를 차례로 실행합니다.
export-thin-cli-data-dir-help = 노트북을 실행했던 폴더: 읽고 쓰는 상대 경로가 여기서 시작합니다
export-thin-cli-data-dir-default = (기본값: ${ $data_env } 또는 현재 폴더)
export-thin-cli-until-help = 이 유스케이스까지만 실행합니다(기본값: 모두 실행)
export-fallback-cli-doc =
    진입점: 노트북의 셀들을 차례로 실행합니다(대체 방식: 셀마다 함수 하나).

        PYTHONPATH=src python -m { $pkg }.entrypoints.cli
export-cell-does-not-parse = 이 셀은 파싱되지 않아서({ $error }) 주석으로 남겨 둡니다.
export-unit-test-functions-doc =
    계획한 함수들이 계획한 매개변수로 있는지 확인합니다. 모든 유스케이스는 첫 인자로
    { $takes ->
        [uow] 작업 단위를
       *[repository] 저장소를
    } 받습니다.
export-e2e-test-cli-doc =
    노트북의 데이터로 진입점을 실행하고, 노트북이 출력한 것(저장된 출력)과 같은 것을
    출력하는지 확인합니다. { $data_env }를 노트북을 실행했던 폴더로 설정하세요
    (기본값: 프로젝트 폴더). 데이터가 없으면 이 테스트들은 건너뜁니다.
export-e2e-test-api-doc =
    HTTP 진입점이 유스케이스가 저장한 모델을 불러와 노트북의 레코드를 예측합니다
    (데이터가 필요합니다: { $data_env }를 설정하세요).
export-package-doc = { $pkg }: pyarch가 주피터 노트북에서 만든 패키지.
export-api-doc =
    얇은 HTTP 진입점(FastAPI): POST /predict {"{"}"instances": [...]{"}"}는
    {"{"}"predictions": [...]{"}"}를 돌려줍니다. 학습 유스케이스가 저장한 모델은 앱이 시작할 때
    저장소를 통해 한 번 불러옵니다. API는 학습하지 않고 학습 데이터도 읽지 않습니다.
    테스트는 `get_model`을 바꿔 끼웁니다.

    모델 자신의 예측({ $side ->
        [views] `views.predictions`, 읽기 쪽
       *[services] `services.{ $serving }`
    })으로 답합니다. 노트북의
    `{ $function }`은 예측을 다른 값(예: 레이블 이름)으로 바꿨을 수도 있습니다.

        PYTHONPATH=src uvicorn { $pkg }.entrypoints.api:app
export-api-fallback-doc =
    얇은 HTTP 진입점(FastAPI): POST /predict {"{"}"instances": [...]{"}"}는 노트북의
    `{ $function }`이 만든 {"{"}"predictions": [...]{"}"}를 돌려줍니다.

        PYTHONPATH=src uvicorn { $pkg }.entrypoints.api:app

## 계획기의 참고 사항 (README의 `## 참고`, `pyarch plan`, 앱)

plan-note-package-name = 패키지 이름 `{ $asked }`은(는) 올바른 파이썬 이름이 아니어서 `{ $used }`을(를) 썼습니다.
plan-note-cell-lines = 셀 { $cell }의 { $lines }행
plan-note-override-unmet = { $what }: { $asked }(으)로 요청했지만 { $went }(으)로 갔습니다. { $reason }.
plan-note-imports-not-moved = { $what }: 임포트는 옮기지 않습니다. 임포트는 그것을 쓰는 모든 모듈의 맨 위에 둡니다.
plan-unmet-config-function = config에는 상수만 두므로 함수나 클래스는 도메인으로 갑니다
plan-unmet-config-constants = config에는 아무도 다시 바인딩하거나 바꾸지 않는 상수만 둡니다
plan-unmet-used-later = 뒤의 코드가 여기서 정의한 것을 쓰므로 파이프라인에 남습니다
plan-unmet-layer-import = 그 계층이나 파이프라인에 있는 값을 읽는데, 계층은 더 높은 계층에서 임포트할 수 없습니다
plan-note-fallback = 대체 방식: 이 노트북은 { $reasons } 때문에 입력과 출력이 분명한 함수들로 나눌 수 없습니다. 그래서 entrypoints/cli.py에 셀마다 함수 하나로, 노트북처럼 모듈 전역 변수 위에서 동작하도록 내보냈습니다.
plan-note-overrides-ignored = 대체 방식에서는 사용자 지정 배치를 따르지 않습니다.
plan-note-import-rebound = 셀 { $cell }의 임포트가 노트북이 다시 대입하는 이름({ $names })을 바인딩하므로, 파이프라인의 제자리에 남습니다.
plan-note-nested-function = `{ $name }`(셀 { $cell })은 노트북 상태({ $state })를 읽으므로 파이프라인 함수 안의 중첩 함수로 남습니다.
plan-fallback-star-imports = 별표 임포트({ $imports })
plan-fallback-dynamic = 어떤 이름이든 바인딩할 수 있는 `exec`/`eval`/`globals()`
plan-fallback-global-writes = 노트북 전역 변수에 대입하는 함수(`global`)
plan-fallback-unparsable = 파싱되지 않는 셀({ $cells })
plan-note-pip-dependencies = `{ $line }`(셀 { $cell })은 pyproject.toml의 의존성이 되었습니다: { $packages }.
plan-note-cell-magic-dropped = 셀 { $cell }은(는) `%%{ $magic }` 셀(파이썬이 아님)이라서 뺐습니다.
plan-note-magic-line = 셀 { $cell }: `{ $line }`
plan-note-magics-dropped = 뺀 IPython 매직과 셸 줄: { $lines }.
plan-note-no-api = 노트북이 예측을 하지만 새 레코드를 받는 함수(`def predict(records)`)가 없어서 HTTP 진입점을 만들지 않았습니다.
plan-note-api-runs-use-cases = 저장된 모델을 불러오는 저장소 메서드가 없어서, HTTP 진입점은 `{ $function }`을(를) 얻으려고 유스케이스를 한 번 실행합니다.

## 텍스트로 보는 `pyarch plan`

plan-text-package = 패키지 { $package } (수준 { $level }){ $fallback ->
    [yes] , 대체 방식: 셀마다 함수 하나
   *[no] {""}
}
plan-text-source = 셀 { $cell }, { $first }-{ $last }행
plan-text-config = config.py: 문장 { $count }개
plan-text-paths = ; 불러오기와 저장의 경로: { $names }
plan-text-exploration = 탐색: 문장 { $explore }개; 버림: { $dropped }개
plan-text-dependencies = 의존성: { $names }
plan-text-note = 참고: { $note }
plan-text-stages = 셀별 단계: { $stages }
