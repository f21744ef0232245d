namespace Scoring.Cli.Output;

/// <summary>How important a column of a <see cref="FittedTable"/> is: the least important are left out first when space is short.</summary>
internal enum ColumnImportance
{
    /// <summary>Left out first.</summary>
    Low,

    /// <summary>Left out after the low ones.</summary>
    Medium,

    /// <summary>Left out last.</summary>
    High,

    /// <summary>Never left out.</summary>
    Essential,
}
