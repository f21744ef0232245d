namespace Scoring.Ingestion;

/// <summary>Progress of a running ingestion, reported after each committed batch.</summary>
/// <param name="Summary">The counts so far.</param>
/// <param name="BytesRead">Input bytes consumed so far (when the input stream reports its position), else 0.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct IngestionProgress(IngestionSummary Summary, long BytesRead, TimeSpan Elapsed);
