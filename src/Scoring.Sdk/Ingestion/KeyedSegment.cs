using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>Reports of which no two share an id, with their keys at the same positions.</summary>
internal sealed record KeyedSegment(List<ReportInput> Reports, List<ReportKey> Keys);
