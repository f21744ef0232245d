namespace Jobs.Host.Tests;

public sealed class JobsFileTailTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jobs-tail-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void ReturnsEachCompleteLineOnceWithItsNumber()
    {
        var tail = new JobsFileTail(_file);
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
        var tail = new JobsFileTail(_file);
        File.WriteAllText(_file, "first\nsecond\n");
        Assert.Equal(2, tail.ReadNew().Count);
        File.WriteAllText(_file, "new\n");
        Assert.Equal([(1L, "new")], tail.ReadNew());
    }
}
