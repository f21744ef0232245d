namespace Scoring.Cli.Commands;

/// <summary>How a command writes its result.</summary>
internal enum OutputFormat
{
    /// <summary>Fixed-width text for people and logs.</summary>
    Table,

    /// <summary>JSON with floats written shortest round-trip, so they compare bit for bit.</summary>
    Json,
}
