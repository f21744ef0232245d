namespace Scoring.Language;

/// <summary>
/// Bounds applied to untrusted rule documents so that every document — however hostile — is accepted or rejected
/// in bounded time and memory. Defaults suit real scoring rule sets with a wide margin.
/// </summary>
public sealed class RuleSetLimits
{
    /// <summary>The defaults.</summary>
    public static RuleSetLimits Default { get; } = new();

    /// <summary>Largest document accepted, in bytes; larger ones are refused before parsing. Default 1 MiB.</summary>
    public int MaxDocumentBytes { get; init; } = 1 << 20;

    /// <summary>Deepest JSON nesting accepted. Default 16 (the schema needs 5).</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>Most rules. Default 1,000.</summary>
    public int MaxRules { get; init; } = 1_000;

    /// <summary>Most assignments in one rule. Default 64.</summary>
    public int MaxAssignmentsPerRule { get; init; } = 64;

    /// <summary>Most inputs. Default 256.</summary>
    public int MaxInputs { get; init; } = 256;

    /// <summary>Most parameters. Default 256.</summary>
    public int MaxParameters { get; init; } = 256;

    /// <summary>Most outputs of one rule set. Default 16.</summary>
    public int MaxOutputs { get; init; } = 16;

    /// <summary>Most lookup tables plus tier tables. Default 64.</summary>
    public int MaxTables { get; init; } = 64;

    /// <summary>Most entries in one lookup or tier table. Default 10,000.</summary>
    public int MaxTableEntries { get; init; } = 10_000;

    /// <summary>Longest expression text, in characters. Default 4,096.</summary>
    public int MaxExpressionLength { get; init; } = 4_096;

    /// <summary>Deepest expression nesting (parentheses, operators, calls). Default 64.</summary>
    public int MaxExpressionDepth { get; init; } = 64;

    /// <summary>Most expression nodes in the whole rule set (bounds compile time and the size of generated code). Default 100,000.</summary>
    public int MaxTotalNodes { get; init; } = 100_000;

    /// <summary>Longest number literal, in characters. Default 64.</summary>
    public int MaxNumberLiteralLength { get; init; } = 64;

    /// <summary>Longest string literal, table key or name, in characters. Default 256.</summary>
    public int MaxStringLength { get; init; } = 256;

    /// <summary>Most items in one <c>in [..]</c> list. Default 1,000.</summary>
    public int MaxListItems { get; init; } = 1_000;
}
