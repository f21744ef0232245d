using Spectre.Console;
using Spectre.Console.Rendering;

namespace Scoring.Cli.Output;

/// <summary>
/// A table laid out for the console's width so that it never misreads: a number is never broken across lines (exact
/// points split as <c>2392</c> / <c>.544</c> read as two numbers), text columns wrap first, and when even that does not
/// fit, the least important columns are left out (the caption names them). When the essential columns alone are wider
/// than the console, each row is printed as <c>Header: value</c> lines instead. Cells are plain text (never markup).
/// </summary>
internal sealed class FittedTable
{
    /// <summary>The least width a wrapping text column is given (narrower, words would be cut mid-word).</summary>
    private const int MinTextWidth = 10;

    // Rounded border: one padding space either side of each cell, a rule between and around the columns.
    private const int ColumnOverhead = 3;
    private const int TableOverhead = 1;

    private readonly string? _title;
    private readonly List<Column> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="title">Shown above the table, or null.</param>
    public FittedTable(string? title = null) => _title = title;

    /// <summary>A line below the table, or null.</summary>
    public string? Caption { get; set; }

    /// <summary>Whether the header row is left out (a table of labels and values).</summary>
    public bool HideHeaders { get; set; }

    /// <summary>Adds a right-aligned column of numbers (or other short values that must stay whole, such as times).</summary>
    /// <param name="header">Its header; may wrap between words.</param>
    /// <param name="importance">Columns of lower importance are left out first; <see cref="ColumnImportance.Essential"/> never.</param>
    public FittedTable Number(string header, ColumnImportance importance = ColumnImportance.Essential)
    {
        _columns.Add(new Column(header, Wraps: false, importance));
        return this;
    }

    /// <summary>Adds a left-aligned text column that wraps when space is short.</summary>
    /// <inheritdoc cref="Number" path="/param"/>
    public FittedTable Text(string header, ColumnImportance importance = ColumnImportance.Essential)
    {
        _columns.Add(new Column(header, Wraps: true, importance));
        return this;
    }

    /// <summary>Adds a row: one plain-text cell per column.</summary>
    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Count)
            throw new ArgumentException($"the row has {cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>The columns shown at <paramref name="width"/> and each one's width; null when no table fits.</summary>
    internal (int[] Shown, int[] Widths)? Layout(int width, Func<string, (int Min, int Max)> measure)
    {
        var natural = new int[_columns.Count];
        var least = new int[_columns.Count];
        for (int c = 0; c < _columns.Count; c++)
        {
            var header = measure(_columns[c].Header);
            int widestCell = _rows.Count == 0 ? 0 : _rows.Max(row => measure(row[c]).Max);
            natural[c] = Math.Max(header.Max, widestCell);
            // A number keeps its whole width; its header may wrap between words. Text may wrap down to a readable width.
            least[c] = _columns[c].Wraps
                ? Math.Min(natural[c], Math.Max(MinTextWidth, header.Min))
                : Math.Max(header.Min, widestCell);
        }

        var shown = Enumerable.Range(0, _columns.Count).ToList();
        while (true)
        {
            int overhead = shown.Count * ColumnOverhead + TableOverhead;
            if (shown.Sum(c => natural[c]) + overhead <= width)
                return (shown.ToArray(), shown.Select(c => natural[c]).ToArray());
            int fixedWidth = shown.Where(c => !_columns[c].Wraps).Sum(c => least[c]);
            int forText = width - overhead - fixedWidth;
            var text = shown.Where(c => _columns[c].Wraps).ToArray();
            if (text.Sum(c => least[c]) <= forText)
            {
                var widths = shown.Select(c => _columns[c].Wraps ? 0 : least[c]).ToArray();
                Share(widths, shown, text, natural, least, forText);
                return (shown.ToArray(), widths);
            }
            // Leave out the least important column (the rightmost of equals); essential columns stay.
            int drop = shown.Where(c => _columns[c].Importance != ColumnImportance.Essential)
                .OrderBy(c => _columns[c].Importance).ThenByDescending(c => c).DefaultIfEmpty(-1).First();
            if (drop < 0)
                return null;
            shown.Remove(drop);
        }
    }

    /// <summary>Writes the table to <paramref name="console"/>, fitted to its width.</summary>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = RenderOptions.Create(console);
        var layout = Layout(console.Profile.Width, text =>
        {
            var measured = ((IRenderable)new Text(text)).Measure(options, int.MaxValue);
            return (measured.Min, measured.Max);
        });
        if (layout is not { } fitted)
        {
            WriteRecords(console);
            return;
        }
        var (shown, widths) = fitted;
        var table = new Table().Border(TableBorder.Rounded);
        if (_title is not null)
            table.Title(Markup.Escape(_title));
        if (HideHeaders)
            table.HideHeaders();
        for (int i = 0; i < shown.Length; i++)
        {
            var column = _columns[shown[i]];
            table.AddColumn(new TableColumn(new Text(column.Header))
            {
                Width = widths[i],
                Alignment = column.Wraps ? Justify.Left : Justify.Right,
            });
        }
        foreach (var row in _rows)
            table.AddRow(shown.Select(c => (IRenderable)new Text(row[c])).ToArray());
        var left = Enumerable.Range(0, _columns.Count).Except(shown).Select(c => _columns[c].Header).ToArray();
        string? caption = left.Length == 0
            ? Caption
            : $"{(Caption is null ? "" : Caption + "; ")}left out to fit {console.Profile.Width} columns: {string.Join(", ", left)} (a wider terminal or --format json shows them)";
        if (caption is not null)
            table.Caption(Markup.Escape(caption));
        console.Write(table);
    }

    // Too narrow for any table: every row as "Header: value" lines, so that no value is cut.
    private void WriteRecords(IAnsiConsole console)
    {
        if (_title is not null)
            console.WriteLine(_title);
        foreach (var row in _rows)
        {
            console.WriteLine();
            for (int c = 0; c < _columns.Count; c++)
                console.WriteLine($"{_columns[c].Header}: {row[c]}");
        }
        if (Caption is not null)
        {
            console.WriteLine();
            console.WriteLine(Caption);
        }
    }

    /// <summary>
    /// Gives the text columns <paramref name="available"/> width: the widest are narrowed first, to one common width, and
    /// none below its least width or above its natural width.
    /// </summary>
    private static void Share(int[] widths, List<int> shown, int[] text, int[] natural, int[] least, int available)
    {
        int level = text.Max(c => natural[c]);
        while (level > 0 && text.Sum(c => Math.Clamp(level, least[c], natural[c])) > available)
            level--;
        foreach (int c in text)
            widths[shown.IndexOf(c)] = Math.Clamp(level, least[c], natural[c]);
    }

    private sealed record Column(string Header, bool Wraps, ColumnImportance Importance);
}
