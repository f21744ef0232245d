using Scoring.Evaluation;

namespace Scoring.Sdk.Tests.Evaluators;

public class RowResultTests
{
    [Fact]
    public void A_voided_result_prints_its_reason_and_refuses_points()
    {
        var voided = new RowResult(EvaluationError.PointsOutOfRange, 0);
        Assert.Equal("voided (PointsOutOfRange)", voided.ToString());
        Assert.Contains("voided: PointsOutOfRange", Assert.Throws<InvalidOperationException>(() => voided.Points).Message);
    }

    [Fact]
    public void A_scored_result_prints_its_points() =>
        Assert.Equal("1.5 points", new RowResult(EvaluationError.None, 1_500_000).ToString());
}
