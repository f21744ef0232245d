using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Thrown by report converters (built-in or a scheme's own) for a value they cannot read; its message is the plain reason that ends up in
/// <see cref="ReportError.Reason"/>, and System.Text.Json fills in <see cref="JsonException.Path"/>.
/// </summary>
public sealed class ReportFieldException(string reason) : JsonException(reason);
