using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Thrown by the report converters for a value they cannot read; its message is the plain reason that ends up in
/// <see cref="ReportError.Reason"/>, and System.Text.Json fills in <see cref="JsonException.Path"/>.
/// </summary>
internal sealed class ReportFieldException(string reason) : JsonException(reason);
