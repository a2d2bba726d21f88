# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## 명령줄

## 도움말

cli-help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    사용법: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = 명령
cli-heading-arguments = 인자
cli-heading-options = 옵션
cli-arg-help = 도움말을 보여 줍니다
cli-arg-version = 버전을 보여 줍니다
cli-about = 어수선한 주피터 노트북을 계층으로 나눈(코스믹 파이썬) 프로젝트로 바꿉니다.
cli-long-about =
    어수선한 주피터 노트북을 계층으로 나눈(코스믹 파이썬) 프로젝트로 바꿉니다.

    명령 없이 실행하면 데스크톱 앱을 엽니다(NOTEBOOK을 주면 그 노트북으로).
cli-arg-notebook = 데스크톱 앱에서 열 노트북
cli-arg-lang = 메시지와 도움말의 언어: `en` 또는 `ko` [기본값: PYARCH_LANG, 없으면 시스템 로캘(LC_ALL, LC_MESSAGES, LANG)]. 이 옵션을 주지 않으면 JSON, SARIF, GitLab 출력은 영어로 남습니다
cli-check-about = 노트북(.ipynb, 또는 `# %%` 셀이 있는 .py)을 분석하고 발견한 문제를 출력합니다
cli-check-arg-paths = 노트북이나 폴더(하위 폴더까지 찾고 .gitignore를 따릅니다)
cli-check-arg-select = 이 코드나 접두어만(쉼표로 구분): `PA1,PA301`; 모든 규칙은 `ALL`. 설정 파일의 `select`를 대신합니다. 둘 다 없으면 기본 규칙 묶음(`pyarch rules`가 표시합니다)
cli-check-arg-ignore = 이 코드나 접두어는 건너뜁니다(쉼표로 구분). 설정 파일의 `ignore`에 더해집니다
cli-check-arg-fail_on = 이 심각도 이상의 발견이 있으면 종료 코드 1 [기본값: warning, 또는 pyproject.toml의 `fail-on`]
cli-check-arg-exit_zero = 발견이 있어도 종료 코드 0(읽지 못한 파일이 있으면 여전히 2)
cli-check-arg-statistics = 발견 대신 규칙마다 발견 수를 출력합니다
cli-check-arg-output_file = 보고서를 표준 출력 대신 이 파일에 씁니다(마지막에 한 번에 씁니다)
cli-check-arg-no_progress = 진행 막대를 보이지 않습니다
cli-rules-about = 모든 규칙을 나열합니다
cli-rule-about = 규칙 하나를 설명합니다(`pyarch rule PA101`)
cli-plan-about = 노트북에 제안하는 계층 구조를 출력합니다
cli-plan-arg-level = 패턴 수준: 1(도메인 모델, 저장소, 서비스 계층), 2(+ 작업 단위, 가짜 객체를 쓰는 테스트), 3(+ 커맨드, 이벤트, 메시지 버스, 부트스트랩). [기본값: 1, 또는 pyproject.toml의 `level`]
cli-plan-arg-package = 파이썬 패키지 이름(기본값: pyproject.toml의 `package`, 없으면 노트북 파일 이름에서)
cli-plan-arg-overrides = 셀이나 그 셀의 한 줄에 있는 문장을 다른 계층으로 옮깁니다: `12=config`, `12:3=domain` (여러 번 쓸 수 있고, 셀 번호는 `check`의 번호)
cli-export-about = 노트북을 계층으로 나눈 파이썬 패키지로 내보냅니다
cli-export-arg-notebooks = 노트북 하나, 또는 일괄 처리할 여러 노트북과 폴더(하위 폴더까지 찾습니다)
cli-export-arg-out = 출력 폴더(만들어집니다. --force가 없으면 비어 있어야 합니다). 일괄 처리에서는 노트북마다 `OUT/<package>`에 쓰고, 각 폴더도 --force가 없으면 비어 있어야 합니다
cli-export-arg-level = 패턴 수준, `plan`과 같습니다 [기본값: 1, 또는 pyproject.toml의 `level`]
cli-export-arg-package = 파이썬 패키지 이름(기본값: pyproject.toml의 `package`, 없으면 노트북 파일 이름에서. 노트북 하나일 때만)
cli-export-arg-force = 비어 있지 않은 출력 폴더를 바꿉니다
cli-export-arg-overrides = `plan`과 같습니다(노트북 하나일 때만)

## 메시지

cli-error = 오류: { $message }
cli-unknown-rule = `{ $code }` 규칙은 없습니다. `pyarch rules`로 목록을 보세요
cli-rule-default = 기본 규칙 묶음에 들어 있습니다.
cli-rule-not-default = 기본 규칙 묶음에 없습니다. `pyarch check --select { $code }`로 보고됩니다.
cli-rule-severity = 기본 심각도: { $severity }. { $default }
cli-rules-legend = `default`: `--select` 없이 `pyarch check`가 보고하는 규칙입니다. `--select ALL`은 모든 규칙을 보고합니다.
cli-check-found = 노트북 { $notebooks }개에서 { $findings }개를 발견했습니다.
cli-check-unreadable = 파일 { $files }개를 읽지 못했습니다.
cli-check-summary = 요약: 노트북 { $notebooks }개 분석, 셀 { $cells }개, 발견 { $findings }개, 실패한 파일 { $failed }개
cli-check-failed-file = 실패: { $error }
cli-export-one-notebook-only = --package와 --override는 노트북 하나에만 쓸 수 있습니다. 여러 노트북과 함께 쓸 수 없습니다
cli-export-summary = 요약: 노트북 { $notebooks }개 중 { $exported }개를 { $out }에 내보냈고, { $failed }개는 실패했습니다
cli-exported = { $notebook }을(를) `{ $package }` 패키지(수준 { $level })로 내보냈습니다: { $out }에 파일 { $files }개{ $fallback ->
    [yes] {" "}(대체 방식: 셀마다 함수 하나, README.md 참고)
   *[no] {""}
}
pa901-unreadable = { $cause }
pa901-fix = 주피터에서 노트북을 열어 다시 저장하거나, 버전 관리에서 되살리세요.
