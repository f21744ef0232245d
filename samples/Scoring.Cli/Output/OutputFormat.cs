namespace Scoring.Cli.Output;

/// <summary>How a command prints its result: a table for people, or one JSON document for programs.</summary>
internal enum OutputFormat
{
    /// <summary>Spectre.Console tables.</summary>
    Table,

    /// <summary>One JSON document (schemas in docs/cli.md).</summary>
    Json,
}
