using Scoring.Samples;

namespace Jobs.Host.Tests;

public sealed class GrowingFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"growing-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void ReturnsEachCompleteLineOnceWithItsNumber()
    {
        var tail = new GrowingFile(_file);
        Assert.Empty(tail.ReadNew());

        File.WriteAllText(_file, "a\nb");
        Assert.Equal([(1L, "a")], tail.ReadNew());
        File.AppendAllText(_file, "c\r\n\nd\n");
        Assert.Equal([(2L, "bc"), (3L, ""), (4L, "d")], tail.ReadNew());
        Assert.Empty(tail.ReadNew());
    }

    [Fact]
    public void AReplacedShorterFileIsReadFromTheStart()
    {
        var tail = new GrowingFile(_file);
        File.WriteAllText(_file, "first\nsecond\n");
        Assert.Equal(2, tail.ReadNew().Count);
        File.WriteAllText(_file, "new\n");
        Assert.Equal([(1L, "new")], tail.ReadNew());
    }

    [Fact]
    public void AnOverlongLineIsHandedOverCutOnceAndTheNextLinesFollow()
    {
        var tail = new GrowingFile(_file);
        File.WriteAllText(_file, "ok\n" + new string('x', GrowingFile.MaxLineBytes + 10));
        var first = tail.ReadNew();
        Assert.Equal((1L, "ok"), first[0]);
        Assert.Equal(2L, first[1].Line);
        Assert.Equal(GrowingFile.MaxLineBytes + 1, first[1].Text.Length);

        // The rest of the long line is skipped, even as it grows; the line after it keeps its number.
        File.AppendAllText(_file, new string('x', GrowingFile.MaxLineBytes));
        Assert.Empty(tail.ReadNew());
        File.AppendAllText(_file, "xx\nnext\n");
        Assert.Equal([(3L, "next")], tail.ReadNew());
    }

    [Fact]
    public void OneReadTakesAtMostTheBoundAndTheNextReadsTheRest()
    {
        string line = new('y', 1000);
        int lines = GrowingFile.MaxReadBytes / 1001 + 100;
        File.WriteAllText(_file, string.Concat(Enumerable.Repeat(line + "\n", lines)));
        var tail = new GrowingFile(_file);
        var first = tail.ReadNew();
        Assert.Equal(GrowingFile.MaxReadBytes / 1001, first.Count);
        var rest = tail.ReadNew();
        Assert.Equal(lines - first.Count, rest.Count);
        Assert.Equal(lines, rest[^1].Line);
        Assert.Empty(tail.ReadNew());
    }
}
