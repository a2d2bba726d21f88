# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## 데스크톱 앱

app-menu-file = 파일
app-open = 열기…
app-open-recent = 최근 파일 열기
app-reload = 다시 불러오기
app-export = 내보내기…
app-close-notebook = 노트북 닫기
app-quit = 끝내기
app-menu-view = 보기
app-menu-language = 언어
app-menu-go = 이동
app-next-cell = 다음 셀
app-previous-cell = 이전 셀
app-next-finding = 다음 발견
app-previous-finding = 이전 발견
app-search-cells = 셀 검색
app-tab-cells = 셀
app-tab-layout = 구조
app-tab-dataflow = 데이터 흐름
app-theme-system = 시스템 설정 따르기
app-theme-light = 밝게
app-theme-dark = 어둡게
app-dismiss = 닫기
app-planning = 구조를 계획하는 중… { $seconds }초
app-keys-hint = j/k 셀 · n/p 발견 · Ctrl+F 검색 · Ctrl+E 내보내기
app-drop-to-open = 노트북을 놓으면 엽니다
app-dialog-export-title = 내보낼 폴더
app-internal-error-analysing = { $file }: 분석하다가 내부 오류가 났습니다: { $panic }
app-internal-error-planning = 구조를 계획하다가 내부 오류가 났습니다: { $panic }
app-could-not-reload = 다시 불러오지 못했습니다: { $error }
app-could-not-open = 열지 못했습니다: { $error }
app-export-not-empty = { $folder }이(가) 비어 있지 않습니다. 내보내려면 새 폴더나 빈 폴더가 필요합니다. 그 안의 새 폴더를 제안합니다.
app-exported = 파일 { $files }개를 { $folder }에 내보냈습니다
app-export-failed = 내보내기 실패: { $error }
app-changed-on-disk = { $file }이(가) 디스크에서 바뀌었습니다. 버린 것: { $dropped }
app-loaded = { $reloaded ->
    [yes] 다시 불러옴:{" "}
   *[no] {""}
}{ $file }: 셀 { $cells }개, 발견 { $findings }개, { $ms }ms 동안 분석{ $kept ->
    [0] {""}
   *[other] , 사용자 지정 배치 { $kept }개 유지
}
app-changed-since-last-open = { $file }이(가) 지난번에 연 뒤로 바뀌었습니다. 버린 것: { $dropped }
app-internal-error-exporting = 내보내다가 내부 오류가 났습니다: { $panic }
app-open-folder-failed = { $error }. 파일은 { $folder }에 있습니다
app-loading-reading = { $file }{ $size } 읽는 중
app-loading-parsing = { $file } 파싱 중: 코드 셀 { $total }개 중 { $done }개
app-loading-rules = { $file } 검사 중: 역할과 규칙
app-loading-views = { $file } 준비 중: 셀 목록과 데이터 흐름
app-still-planning = 아직 구조를 계획하는 중입니다. 잠시 뒤에 다시 해 보세요.
app-dropped-overrides =
    셀이나 문장이 사라진 사용자 지정 배치 { $count }개: { $list }{ $more ->
        [0] {""}
       *[other] , 그 밖에 { $more }개
    }
app-start-tagline-1 = 주피터 노트북의 숨은 상태와 뒤섞인 책임을 검토하고,
app-start-tagline-2 = 계층으로 나눈(코스믹 파이썬) 프로젝트로 내보냅니다.
app-start-open-heading = 노트북 열기
app-start-browse = 찾아보기…  (Ctrl+O)
app-start-drop-hint = .ipynb 파일(또는 # %% 스크립트)을 창에 끌어다 놓아도 됩니다.
app-start-samples = 예제
app-start-no-samples = 함께 제공되는 예제를 찾지 못했습니다(samples/*.ipynb를 찾아봄).
app-start-recent = 최근 파일
app-start-no-recent = 아직 없습니다.
app-notebook-path = 노트북 경로
app-open-button = 열기
app-open-window-title = 노트북 열기
app-waiting-file-dialog = 파일 대화상자를 기다리는 중… (위에 경로를 입력해도 됩니다)
app-no-file-chosen = 파일을 고르지 않았습니다. 위에 경로를 입력하거나 붙여 넣으세요(파일 대화상자에는 데스크톱 포털이나 zenity가 필요합니다).
app-browse = 찾아보기…
app-export-choose-folder = 내보낼 폴더를 고르세요
app-export-title = 내보내기
app-export-intro = 제안한 프로젝트(구조 탭의 파일들)를 새 폴더나 빈 폴더에 씁니다.
app-export-folder = 내보낼 폴더
app-export-choose = 고르기…
app-waiting-folder-dialog = 폴더 대화상자를 기다리는 중… (위에 경로를 입력해도 됩니다)
app-export-nothing-picked = "지금 내보내기"는 위의 경로에 씁니다. 다른 폴더를 고르려면 경로를 고치세요. (폴더 대화상자에는 데스크톱 포털이나 zenity가 필요합니다.)
app-export-now = 지금 내보내기
app-waiting-plan = 계획을 기다리는 중…
app-open-folder = 폴더 열기
app-copy-path = 경로 복사
app-export-command = 터미널에서 같은 내보내기:
app-copy-command = 명령 복사
app-export-folder-not-empty = { $folder }: 폴더가 비어 있지 않습니다. 빈 폴더나 새 폴더를 고르세요
app-export-wrote = 파일 { $files }개를 { $folder }에 썼습니다
app-export-file-size = { $path }  ({ $size }바이트)
app-no-findings-in-cell = 이 셀에는 발견이 없습니다.
app-whole-notebook = 노트북 전체
app-show-in-source = 소스에서 보기
app-suggestion = 제안:
app-why-fix-pattern = 문제, 고치는 법, 패턴
app-why = 왜 문제인가요?
app-fix = 고치는 법
app-pattern = 패턴
app-destinations = 옮겨 갈 곳
app-only-code-cells = 코드 셀에만 배치할 문장이 있습니다.
app-cell-does-not-parse = 셀이 파싱되지 않아서 배치할 문장이 없습니다.
app-no-statements = 이 셀에는 문장이 없습니다.
app-mixed = 섞임
app-whole-cell = 셀 전체
app-reset = 되돌리기
app-use-suggested = 제안한 곳을 다시 씁니다
app-findings-count = 발견 ({ $count })
app-line-column = { $line }행 { $column }열
app-overrides-in-notebook = 이 노트북의 사용자 지정 배치 { $count }개.
app-reset-all-hint = 제안한 곳들을 다시 씁니다
app-no-cell-matches = 필터에 맞는 셀이 없습니다.
app-search = 검색
app-only-flagged = 발견이 있는 셀만
app-all-rules = 모든 규칙
app-all-rules-hint = 기본 묶음 밖의 규칙과 힌트(정보)도 보여 줍니다. `pyarch check --select ALL`과 같습니다
app-any = 전체
app-rule = 규칙
app-role = 역할
app-ran-out-of-order = 순서에 어긋나게 실행됨: 실행 번호가 위쪽 셀보다 작습니다.
app-out-of-order = 순서 어긋남
app-no-cell-selected = 선택한 셀이 없습니다.
app-cell-heading = 셀 { $cell }
app-kind-code = 코드
app-kind-markdown = 마크다운
app-kind-raw = 원시
app-not-run = 실행 안 됨
app-count-out-of-order = { $count } (순서 어긋남)
app-count-out-of-order-hint = 실행 번호가 위쪽 셀의 실행 번호보다 작습니다. 순서에 어긋나게 실행되었습니다.
app-next = 다음 ▶
app-next-hint = 다음 셀 (j 또는 ↓)
app-previous = ◀ 이전
app-previous-hint = 이전 셀 (k 또는 ↑)
app-stage = 단계: { $stage }
app-stage-hint = 셀의 주된 단계: 읽는 사람이 셀 제목으로 쓸 만한 것입니다. 그 뒤에 문장들의 역할이 나옵니다.
app-n-p-hint = (n / p로 발견 사이를 이동)
app-outputs = 출력 ({ $count })
app-output-stream = 스트림
app-output-result = 결과
app-output-display = 표시
app-output-error = 오류
app-not-shown = ({ $kinds }은(는) 보여 주지 않음)
app-planning-short = 계획하는 중…
app-files-count = 파일 { $count }개
app-nothing-to-export = 아직 내보낼 것이 없습니다.
app-lines-count = { $count }줄
app-from-cell-click = 셀 { $cell }에서 왔습니다. 누르면 보여 줍니다
app-level-1 = 1 · 서비스 계층
app-level-1-hint = 도메인 모델, 저장소, 서비스 계층 (1–4장)
app-level-2 = 2 · + 작업 단위
app-level-2-hint = 가짜 객체를 쓰는 테스트와 작업 단위를 더합니다 (5–7장)
app-level-3 = 3 · + 메시지 버스
app-level-3-hint = 커맨드, 이벤트, 메시지 버스, 의존성 주입을 하는 부트스트랩을 더합니다 (8–13장)
app-pattern-level = 패턴 수준
app-where-statements-go = 문장이 가는 곳
app-destination-count = { $destination }: 문장 { $count }개
app-placed-by-overrides = 사용자 지정으로 배치한 문장 { $count }개
app-functions = 함수 ({ $count })와 그 출처
app-scroll-functions = 스크롤하면 함수 { $count }개를 모두 봅니다
app-from = 출처
app-source-lines = { $count ->
    [one] 셀 { $cell }, { $first }행
   *[other] 셀 { $cell }, { $first }–{ $last }행
}
app-show-source-cell = 원래 셀 보기
app-path-step = { $step }. 셀 { $cell }, { $line }행: { $what }
app-leak-paths = 누수 경로:
app-code-cell = { $code } 셀 { $cell }
app-order = 순서:
app-execution-order = 실행 순서
app-notebook-order = 노트북 순서
app-only-selected-cell = 선택한 셀만
app-graph-counts = 코드 셀 { $cells }개, 연결 { $edges }개, 숨은 상태 연결 { $hidden }개
app-no-code-cells = 이 노트북에는 코드 셀이 없습니다.
app-legend-arcs = 호: 정의에서 사용으로;
app-legend-hidden = 숨은 상태 (뒤 셀의 값 읽기, 셀을 넘나드는 변경, 순서에 어긋난 실행)
app-edge-in =
    셀 { $cell }에서 온 { $names }을(를) { $verb ->
        [changes] 바꿉니다
       *[reads] 읽습니다
    }
app-edge-out = 셀 { $cell }에 { $names }을(를) 줍니다
app-no-edges = 정의-사용 연결이 없습니다.
app-click-to-select = 누르면 선택합니다.
app-filter-notebooks = 노트북
app-filter-all-files = 모든 파일
app-empty-cell = (비어 있음)
app-more-characters = … (글자 { $count }개 더)
app-more-bytes = … ({ $count }바이트 더)
app-dataflow-node = 데이터 흐름 노드 { $cell }
app-override-cell = 셀 { $cell } “{ $what }” → { $destination }
app-override-statement = 셀 { $cell }의 문장 “{ $what }” → { $destination }
app-override-saved = { $what } → { $destination }
app-override-cell-gone = { $described } (셀이 사라졌습니다)
app-override-statement-changed = { $described } (문장이 바뀌었습니다)
