package dev.saferoll.migrations.cli;

/** The marks in front of command output: emoji where the console shows them, ASCII elsewhere. */
enum Symbols {

    UNICODE("✅", "❌", "⚠️", "💡", "🔄", "🚀", "🔍", "📋"),
    ASCII("[ok]", "[error]", "[!]", "[tip]", "[rollback]", "[migrate]", "[dry-run]", "[status]");

    final String ok;

    final String error;

    final String warning;

    final String tip;

    final String rollback;

    final String run;

    final String search;

    final String info;

    Symbols(String ok, String error, String warning, String tip, String rollback, String run, String search,
            String info) {
        this.ok = ok;
        this.error = error;
        this.warning = warning;
        this.tip = tip;
        this.rollback = rollback;
        this.run = run;
        this.search = search;
        this.info = info;
    }
}
