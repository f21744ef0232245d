using System.Text;
using Scoring.Reports;

namespace Storage.Proofs.Tests;

/// <summary>Decoding and validation of <c>storage-proof</c> lines.</summary>
public sealed class StorageProofReportTypeTests
{
    private static readonly ReportDecoder Decoder = new([StorageProofReportType.Instance]);

    private static DecodedLine Decode(string line) => Decoder.DecodeLine(Encoding.UTF8.GetBytes(line), 7);

    [Fact]
    public void A_proof_without_an_id_gets_provider_at_timestamp_and_its_provider_is_the_producer()
    {
        var proof = Assert.IsType<StorageProofReport>(Decode(
            "{\"type\":\"storage-proof\",\"providerId\":\"p1\",\"account\":\"acme\",\"bytesStored\":1099511627776,\"uptimeSeconds\":3500,\"timestamp\":1767225600}").Report);

        Assert.Equal(new StorageProofReport("p1@1767225600", "p1", "acme", 1_099_511_627_776, 3500, 1_767_225_600), proof);
        Assert.Equal("p1", proof.Producer);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), proof.Time);
        Assert.Equal("storage-proof", proof.Type);
    }

    [Fact]
    public void An_explicit_id_and_an_RFC_3339_time_are_kept()
    {
        var proof = Assert.IsType<StorageProofReport>(Decode(
            "{\"type\":\"storage-proof\",\"id\":\"audit-42\",\"providerId\":\"p1\",\"account\":\"acme\",\"bytesStored\":512.0,\"uptimeSeconds\":0.5,\"timestamp\":\"2026-01-01T01:00:00+01:00\"}").Report);

        Assert.Equal(new StorageProofReport("audit-42", "p1", "acme", 512, 0.5, 1_767_225_600), proof);
    }

    [Theory]
    [InlineData("bytesStored", "-1", "must not be negative, got -1")]
    [InlineData("bytesStored", "2.5", "must be a whole number, got 2.5")]
    [InlineData("bytesStored", "2e18", "must be at most 1E+18, got 2E+18")]
    [InlineData("uptimeSeconds", "-3", "must not be negative, got -3")]
    [InlineData("uptimeSeconds", "1e10", "must be at most 1000000000, got 10000000000")]
    [InlineData("timestamp", "12", "must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z (unix seconds 946684800 to 4102444800), got 12")]
    [InlineData("providerId", "\"\"", "must not be empty")]
    public void A_bad_value_is_rejected_with_its_field_and_a_plain_reason(string name, string value, string reason)
    {
        var fields = new Dictionary<string, string>
        {
            ["providerId"] = "\"p1\"",
            ["account"] = "\"acme\"",
            ["bytesStored"] = "1024",
            ["uptimeSeconds"] = "10",
            ["timestamp"] = "1767225600",
        };
        fields[name] = value;
        var line = "{\"type\":\"storage-proof\"," + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

        var error = Decode(line).Error;

        Assert.NotNull(error);
        Assert.Equal((7L, "$." + name, reason), (error.LineNumber, error.Field, error.Reason));
    }

    [Theory]
    [InlineData("providerId")]
    [InlineData("account")]
    [InlineData("bytesStored")]
    [InlineData("uptimeSeconds")]
    [InlineData("timestamp")]
    public void Every_field_but_the_id_is_required(string missing)
    {
        var fields = new[] { "\"providerId\":\"p1\"", "\"account\":\"acme\"", "\"bytesStored\":1", "\"uptimeSeconds\":1", "\"timestamp\":1767225600" }
            .Where(f => !f.StartsWith($"\"{missing}\"", StringComparison.Ordinal));
        var error = Decode("{\"type\":\"storage-proof\"," + string.Join(",", fields) + "}").Error;

        Assert.NotNull(error);
        Assert.Equal(("$." + missing, "is required"), (error.Field, error.Reason));
    }

    [Fact]
    public void A_field_given_twice_or_of_the_wrong_json_type_is_rejected()
    {
        Assert.Equal("$.account", Decode("{\"type\":\"storage-proof\",\"providerId\":\"p1\",\"account\":\"a\",\"account\":\"b\",\"bytesStored\":1,\"uptimeSeconds\":1,\"timestamp\":1767225600}").Error?.Field);
        Assert.Equal("$.bytesStored", Decode("{\"type\":\"storage-proof\",\"providerId\":\"p1\",\"account\":\"a\",\"bytesStored\":\"1\",\"uptimeSeconds\":1,\"timestamp\":1767225600}").Error?.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("audit-42")]
    public void Writing_a_proof_reads_back_the_same_proof_with_the_same_content_hash(string? id)
    {
        var proof = new StorageProofReport(id ?? StorageProofReport.DeriveId("p1", 1_767_225_600.5), "p1", "acme", 999_999_999_999_999_872, 3600.25, 1_767_225_600.5);

        string json = StorageProofReportType.Instance.ToJson(proof);
        var read = Assert.IsType<StorageProofReport>(Decode(json).Report);

        Assert.Equal(proof, read);
        Assert.Equal(StorageProofReportType.Instance.ContentHash(proof), StorageProofReportType.Instance.ContentHash(read));
        Assert.Equal(id is not null, json.Contains("\"id\"", StringComparison.Ordinal)); // a derived id is not written
    }

    [Fact]
    public void The_content_hash_covers_every_field()
    {
        var proof = new StorageProofReport("p1@1767225600", "p1", "acme", 1024, 10, 1_767_225_600);
        long hash = StorageProofReportType.Instance.ContentHash(proof);

        Assert.NotEqual(hash, StorageProofReportType.Instance.ContentHash(proof with { BytesStored = 1025 }));
        Assert.NotEqual(hash, StorageProofReportType.Instance.ContentHash(proof with { UptimeSeconds = 11 }));
        Assert.NotEqual(hash, StorageProofReportType.Instance.ContentHash(proof with { Account = "globex" }));
        Assert.Equal(hash, StorageProofReportType.Instance.ContentHash(proof with { }));
    }
}
