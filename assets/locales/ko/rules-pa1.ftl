# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## PA101 out-of-order-execution

pa101-same-count = 셀 { $cell }의 실행 번호가 위쪽 셀 { $previous }의 실행 번호와 똑같이 [{ $count }]입니다. 두 셀의 출력은 서로 다른 커널 세션에서 나왔는데, 두 셀 모두 { $names } 값을 사용합니다
pa101-same-count-fix = 커널을 재시작하고 모든 셀을 위에서 아래로 실행해서 모든 출력이 한 세션에서 나오게 하세요. 패키지에서는 `entrypoints/cli.py`가 서비스 계층의 단계를 정해진 한 가지 순서로 호출합니다.
pa101-out-of-order = 셀 { $cell }의 코드가 위쪽 셀 { $previous }보다 먼저 실행되었고(실행 번호 [{ $count }] < [{ $previous_count }]), 두 셀은 { $names } 값을 함께 씁니다. 노트북이 순서에 어긋나게 실행되었습니다
pa101-out-of-order-fix = 커널을 재시작하고 모든 셀을 위에서 아래로 실행하세요. 셀 { $cell }의 코드가 먼저 실행되어야 한다면 셀 { $previous } 위로 옮기세요. 패키지에서는 `entrypoints/cli.py`가 서비스 계층의 단계를 정해진 한 가지 순서로 호출합니다.

## PA102 use-before-definition

pa102-later-in-this-cell = 이 셀의 더 아래쪽
pa102-later-in-cell = 더 아래에 있는 셀 { $cell }
pa102-called-function-reads = `{ $function }` 함수를 호출하면 `{ $name }` 전역 변수를 읽는데, 이 변수는 { $place }에서 처음 정의됩니다. 위에서 아래로 실행하면 이 호출에서 NameError가 납니다
pa102-called-function-reads-fix = `{ $name }` 값을 `{ $function }` 함수의 매개변수로 넘기고, 처음 호출하기 전에 정의하세요. 상수라면 config.py에 두세요.
pa102-read-before-definition = `{ $name }` 변수를 정의하기 전에 읽습니다. 이 변수는 { $place }에서 처음 정의되므로, 그 코드가 먼저 실행되었기 때문에 노트북이 돌아갔을 뿐입니다(Restart & Run All에서는 NameError)
pa102-read-before-definition-fix = `{ $name }` 변수의 정의를 이 셀 위로 옮기세요(상수는 config.py로, 처리 단계는 서비스 계층이 순서대로 호출하는 함수로).
pa102-also-read-by = { $message }. { $cells }도 정의되기 전에 이 변수를 읽습니다

## PA103 undefined-name

pa103-this-cell-reads = 이 셀이 읽는
pa103-function-reads = `{ $function }` 함수가 읽는 전역
pa103-class-reads = `{ $class }` 클래스가 읽는 전역
pa103-python2-builtin = { $reader } 이름 `{ $name }`: Python 3에서 없어진 Python 2 내장 함수라서 NameError가 납니다
pa103-python2-builtin-fix = 코드를 Python 3로 옮기세요. `{ $name }` 대신 `{ $replacement }` 형태로 바꾸면 됩니다.
pa103-undefined = { $reader } `{ $name }` 이름을 정의하는 셀이 노트북에 없습니다. 삭제된 셀이나 이전 세션에서 온 이름입니다
pa103-undefined-cell-deleted = { $reader } `{ $name }` 이름을 정의하는 셀이 노트북에 없습니다. 그 셀이 삭제되었거나(저장된 노트북에서 실행 { $count }번이 빠져 있습니다) 이전 세션에서 온 이름일 것입니다
pa103-undefined-maybe-from = { $reader } `{ $name }` 이름을 정의하는 셀이 노트북에 없습니다. 아마 { $sources }에서 왔을 것입니다
pa103-undefined-fix = `{ $name }` 이름을 정의하는 코드를 위쪽 셀에 다시 만들거나(상수는 config.py로), 그 이름을 읽는 코드를 지우세요. Restart & Run All로 확인하세요.
pa103-undefined-maybe-from-fix = { $sources }에 기대지 말고 `{ $name }` 이름을 명시적으로 가져오세요(`from { $module } import { $name }`).

## PA104 unexecuted-cell

pa104-names-and-more = { $names } 외 { $count }개
pa104-unexecuted-cell = 위의 셀 { $before }([{ $before_count }])도, 아래의 셀 { $after }([{ $after_count }])도 실행되었지만 셀 { $cell }의 코드는 한 번도 실행되지 않았습니다. 이 셀은 뒤의 셀들이 읽는 { $names } 값을 정하므로, 저장된 출력에는 이 셀이 반영되어 있지 않습니다
pa104-unexecuted-cells = 위의 셀 { $before }([{ $before_count }])도, 아래의 셀 { $after }([{ $after_count }])도 실행되었지만 { $cells }의 코드는 한 번도 실행되지 않았습니다. 이 셀들은 뒤의 셀들이 읽는 { $names } 값을 정하므로, 저장된 출력에는 이 셀들이 반영되어 있지 않습니다
pa104-unexecuted-fix = Restart & Run All로 모든 셀을 실행하거나 필요 없는 셀을 지우세요. 패키지에서는 각 단계가 서비스 계층의 유스케이스에 속하거나 사라집니다.

## PA105 outputs-without-execution-count

pa105-counts-cleared = 셀 { $count }개에 저장된 출력이 있지만 실행 번호가 있는 셀은 하나도 없습니다({ $cells }). 실행 번호가 지워져서 어느 실행에서 나온 출력인지 아무도 알 수 없습니다
pa105-outputs-without-count = 셀 { $cell }에 저장된 출력이 { $count }개 있지만 실행 번호가 없습니다. 다른 실행이나 다른 버전의 코드에서 나온 출력일 수 있습니다
pa105-fix = 저장하기 전에 모든 출력을 지우고 Restart & Run All로 노트북을 실행해서, 모든 출력이 현재 코드의 한 번의 실행에서 나오게 하세요.

## PA106 execution-count-gap

pa106-gap = { $place } { $runs } 빠져 있습니다. 삭제되었거나 다시 실행된 셀의 실행 { $missing }번입니다
pa106-run-missing = 실행 { $first }번이
pa106-runs-missing = 실행 { $first }–{ $last }번이
pa106-between = 셀 { $previous }([{ $previous_count }])에서 셀 { $cell }([{ $count }]) 사이에
pa106-before-first = 처음 실행된 셀인 셀 { $cell }([{ $count }]) 앞에
pa106-small-gaps = { $cells } 앞에서 실행 번호에 작은 틈이 { $count }개 있습니다(모두 합해 실행 { $runs }번이 빠졌고, 하나하나는 { $limit }번 미만입니다). 셀을 다시 실행했거나 삭제한 것입니다
pa106-fix = 커널을 재시작하고 모든 셀을 실행한 뒤 결과가 그대로인지 확인하세요. 뒤의 셀들이 기대던 단계가 삭제되었다면 다시 만드세요(패키지에서는 서비스 계층의 단계로).

## PA107 cross-cell-mutation

pa107-item-assignment = 항목 대입
pa107-attribute-assignment = 속성 대입
pa107-del-item = 항목 `del`
pa107-method = `.{ $method }()`
pa107-inplace = `.{ $method }(inplace=True)`
pa107-changes-in-place = 셀 { $cell }이 `{ $name }` 값을 그 자리에서 바꾸는데({ $kinds }), `{ $name }`은 셀 { $from }에서 정의되었습니다. 셀을 다시 실행하면 결과가 달라집니다
pa107-fix = 대신 새 값을 반환하거나(`{ $name } = step({ $name })`, `step`은 복사본을 만드는 domain/의 순수 함수), `{ $name }`을 만드는 셀 { $from }에서 바꾸세요. 그러면 서비스 계층이 단계들을 정해진 순서대로 한 번씩 적용합니다.

## PA108 non-idempotent-cell

pa108-rebinds-own-value = 셀 { $cell }이 { $cells }에서 온 { $names } 값을 자기 값으로 { $how ->
    [update] 갱신합니다
   *[rebind] 다시 바인딩합니다
}. 셀을 두 번 실행하면 그 단계가 두 번 적용됩니다
pa108-fix = 결과를 새 이름에 바인딩하거나(`{ $first }_clean = …`), 그 단계를 서비스 계층이 한 번만 호출하는 domain/의 순수 함수로 옮기세요(유스케이스 안에서 `{ $first } = step({ $first })`).

## PA109 hidden-global-input

pa109-global-set-in = `{ $name }`({ $cells }에서 설정{ $below ->
    [yes] , 이 셀보다 아래
   *[no] {""}
})
pa109-reads-globals = { $kind ->
    [class] 클래스
   *[function] 함수
} `{ $name }`이 전역 변수 { $globals }을(를) 매개변수로 받지 않고 읽습니다. 그래서 결과가 호출 전에 어떤 셀이 실행되었는지에 따라 달라집니다
pa109-fix = { $names }을(를) `{ $name }`의 매개변수로 만들고 호출하는 쪽(서비스 계층)에서 넘기세요. 상수라면 config.py로 옮기세요.

## PA110 redefined-name

pa110-a-number = 숫자
pa110-a-string = 문자열
pa110-a-constant = 상수
pa110-a-collection = 리터럴 컬렉션
pa110-an-expression = 식
pa110-code = { $code }
pa110-bound-differently = `{ $name }`이 { $cells }에서 서로 다른 것에 바인딩됩니다: { $kinds }. 뒤의 셀이 보는 값은 어느 셀이 마지막에 실행되었는지에 달려 있습니다
pa110-fix = `{ $name }`의 의미마다 이름을 따로 붙이거나, 각각을 지역 변수로 쓰는 서비스 계층 함수 안에서 계산하세요.
