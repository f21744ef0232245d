namespace Scoring.Language;

/// <summary>What kind of problem a <see cref="Diagnostic"/> reports. Stable: tests and tools match on it.</summary>
public enum DiagnosticCode
{
    /// <summary>A character that starts no token.</summary>
    UnexpectedCharacter,

    /// <summary>A string literal without its closing quote.</summary>
    UnterminatedString,

    /// <summary>A backslash escape that the language does not define.</summary>
    InvalidEscape,

    /// <summary>A number literal that is malformed, overflows an int, or is not finite.</summary>
    InvalidNumber,

    /// <summary>A number literal longer than <see cref="RuleSetLimits.MaxNumberLiteralLength"/>.</summary>
    NumberTooLong,

    /// <summary>A token where the grammar does not allow it.</summary>
    UnexpectedToken,

    /// <summary>An empty expression.</summary>
    EmptyExpression,

    /// <summary>Nesting deeper than <see cref="RuleSetLimits.MaxExpressionDepth"/>.</summary>
    NestingTooDeep,

    /// <summary>An expression longer than <see cref="RuleSetLimits.MaxExpressionLength"/>, or a string literal over its limit.</summary>
    ExpressionTooLong,

    /// <summary>A name that is not an input, parameter, table, tier table or assigned variable.</summary>
    UnknownName,

    /// <summary>A call to a function that does not exist.</summary>
    UnknownFunction,

    /// <summary><c>x[..]</c> where x is not a lookup table.</summary>
    UnknownTable,

    /// <summary><c>tier(x, ..)</c> where x is not a tier table.</summary>
    UnknownTier,

    /// <summary>An operand or argument of the wrong type.</summary>
    TypeMismatch,

    /// <summary>A function called with the wrong number of arguments.</summary>
    WrongArgumentCount,

    /// <summary>A variable read where some path has not assigned it yet (e.g. only a conditional rule assigned it).</summary>
    UnassignedVariable,

    /// <summary>An assignment to an input or parameter, or a variable assigned a value of another type.</summary>
    InvalidAssignment,

    /// <summary>The output variable is missing, not numeric, or not assigned on every path.</summary>
    InvalidOutput,

    /// <summary>A name declared twice (inputs, parameters, tables, tiers, rules share one namespace per kind).</summary>
    DuplicateName,

    /// <summary>A declared name that is not an identifier or is a reserved word.</summary>
    InvalidName,

    /// <summary>A table or tier table that is malformed (duplicate key, non-finite value, unordered thresholds).</summary>
    InvalidTable,

    /// <summary>A document larger than <see cref="RuleSetLimits.MaxDocumentBytes"/>; refused before parsing.</summary>
    DocumentTooLarge,

    /// <summary>Malformed JSON, or JSON nested deeper than <see cref="RuleSetLimits.MaxJsonDepth"/>.</summary>
    InvalidJson,

    /// <summary>A required document member is missing.</summary>
    MissingMember,

    /// <summary>A document member that the schema does not define.</summary>
    UnknownMember,

    /// <summary>A document member of the wrong JSON kind or an invalid value (bad type name, bad time, bad version).</summary>
    InvalidValue,

    /// <summary>A count limit of <see cref="RuleSetLimits"/> exceeded (rules, inputs, table entries, nodes, …).</summary>
    LimitExceeded,
}
