import CNCurses

/// The form's look, apart from its logic: an attribute for each role a piece of text plays, and the
/// marks. Colour is a bonus: without it (NO_COLOR, a monochrome terminal) focus still shows in reverse
/// video and problems in bold with their marks, so nothing depends on colour alone.
struct Theme {
    enum Role {
        case title, note, label, focusedLabel, mark, value, placeholder, problem, help, footerKey, footerText
        case button, focusedButton, success, border, selected, spinner
    }

    struct Style {
        let attributes: attr_t
        let pair: Int16
    }

    let focusMark = "▸"
    let requiredMark = "*"
    let problemMark = "✗"
    let successMark = "✓"
    let chosen = "◉"
    let notChosen = "○"
    let on = "[x]"
    let off = "[ ]"
    let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    private let styles: [Role: Style]

    func style(_ role: Role) -> Style { styles[role] ?? Style(attributes: cncurses_normal(), pair: 0) }

    /// The colour pairs, numbered from 1; pair 0 is the terminal's own colours.
    private enum Pair: Int16, CaseIterable {
        case accent = 1, problem, success, keyHint, button

        var colors: (foreground: Int16, background: Int16) {
            switch self {
            case .accent: return (Int16(COLOR_CYAN), -1)
            case .problem: return (Int16(COLOR_RED), -1)
            case .success: return (Int16(COLOR_GREEN), -1)
            case .keyHint: return (Int16(COLOR_CYAN), -1)
            case .button: return (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
            }
        }
    }

    static func make(colors: Bool) -> Theme {
        let bold = cncurses_bold(), dim = cncurses_dim(), reverse = cncurses_reverse(), normal = cncurses_normal()
        guard colors else {
            return Theme(styles: [
                .title: Style(attributes: bold, pair: 0), .note: Style(attributes: dim, pair: 0),
                .label: Style(attributes: normal, pair: 0), .focusedLabel: Style(attributes: reverse | bold, pair: 0),
                .mark: Style(attributes: bold, pair: 0), .value: Style(attributes: normal, pair: 0),
                .placeholder: Style(attributes: dim, pair: 0), .problem: Style(attributes: bold, pair: 0),
                .help: Style(attributes: normal, pair: 0), .footerKey: Style(attributes: bold, pair: 0),
                .footerText: Style(attributes: dim, pair: 0), .button: Style(attributes: normal, pair: 0),
                .focusedButton: Style(attributes: reverse | bold, pair: 0), .success: Style(attributes: bold, pair: 0),
                .border: Style(attributes: normal, pair: 0), .selected: Style(attributes: bold, pair: 0),
                .spinner: Style(attributes: bold, pair: 0),
            ])
        }
        for pair in Pair.allCases { init_pair(pair.rawValue, pair.colors.foreground, pair.colors.background) }
        return Theme(styles: [
            .title: Style(attributes: bold, pair: Pair.accent.rawValue), .note: Style(attributes: dim, pair: 0),
            .label: Style(attributes: normal, pair: 0), .focusedLabel: Style(attributes: bold, pair: Pair.accent.rawValue),
            .mark: Style(attributes: bold, pair: Pair.accent.rawValue), .value: Style(attributes: normal, pair: 0),
            .placeholder: Style(attributes: dim, pair: 0), .problem: Style(attributes: bold, pair: Pair.problem.rawValue),
            .help: Style(attributes: normal, pair: 0), .footerKey: Style(attributes: bold, pair: Pair.keyHint.rawValue),
            .footerText: Style(attributes: dim, pair: 0), .button: Style(attributes: bold, pair: 0),
            .focusedButton: Style(attributes: bold, pair: Pair.button.rawValue),
            .success: Style(attributes: bold, pair: Pair.success.rawValue), .border: Style(attributes: dim, pair: 0),
            .selected: Style(attributes: bold, pair: Pair.accent.rawValue),
            .spinner: Style(attributes: bold, pair: Pair.accent.rawValue),
        ])
    }
}
