use super::*;

#[test]
fn escape_sequences_are_not_sent_to_the_terminal() {
    let shown = printable("台账\u{1b}[31m红\u{7}.xlsx\n第二行");
    assert_eq!(shown, "台账\u{FFFD}[31m红\u{FFFD}.xlsx\n第二行");
    assert!(!shown.contains('\u{1b}'));
}
