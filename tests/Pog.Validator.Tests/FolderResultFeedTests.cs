namespace Pog.Validator.Tests;

public sealed class FolderResultFeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pog-feed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReturnsCompleteLinesOnceAndWaitsForAPartialLine()
    {
        var feed = new FolderResultFeed(_folder);
        string file = Path.Combine(_folder, "a.jsonl");
        File.WriteAllText(file, "one\ntw");
        File.WriteAllText(Path.Combine(_folder, "ignored.txt"), "not a jsonl file\n");

        Assert.Equal([("a.jsonl:1", "one")], feed.ReadNew());
        Assert.Empty(feed.ReadNew());

        File.AppendAllText(file, "o\r\nthree\n");
        Assert.Equal([("a.jsonl:2", "two"), ("a.jsonl:3", "three")], feed.ReadNew());
    }

    [Fact]
    public void ATruncatedFileIsReadAgainFromTheStart()
    {
        var feed = new FolderResultFeed(_folder);
        string file = Path.Combine(_folder, "a.jsonl");
        File.WriteAllText(file, "first line\nsecond line\n");
        Assert.Equal(2, feed.ReadNew().Count);

        File.WriteAllText(file, "new\n");
        Assert.Equal([("a.jsonl:1", "new")], feed.ReadNew());
    }

    [Fact]
    public void AMissingFolderHasNoLines() => Assert.Empty(new FolderResultFeed(Path.Combine(_folder, "missing")).ReadNew());
}
