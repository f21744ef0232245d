using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Cli.Commands;
using Scoring.Weights;

namespace Scoring.Cli.Tests;

public class WeightsCommandTests
{
    private const string WorkedInput = """{"uids":[0,1,2,3,4,5,6,7],"scores":[0.0, 1.0, 0.0825, 0.023000000000000003, 0.5, -0.3, 1.0, 0.9]}""";

    [Fact]
    public void Json_output_has_float32_weights_and_u16_values()
    {
        var (exit, output, error) = CliRunner.Run("weights", "--input", CliRunner.TempFile(WorkedInput), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(
            """{"mode":"scores","uids":[0,1,2,3,4,5,6,7],"weights":[0,0.285266,0.023534447,0.0065611186,0.142633,0,0.285266,0.2567394],"emit":{"uids":[1,2,3,4,6,7],"values":[65535,5407,1507,32768,65535,58981]}}""",
            output.Trim());
    }

    [Fact]
    public void Written_weights_read_back_bit_identical_to_the_computed_ones()
    {
        var (_, output, _) = CliRunner.Run("weights", "--input", CliRunner.TempFile(WorkedInput), "--format", "json");
        using var document = JsonDocument.Parse(output);
        float[] written = document.RootElement.GetProperty("weights").EnumerateArray().Select(e => float.Parse(e.GetRawText(), CultureInfo.InvariantCulture)).ToArray();
        var computed = SubnetWeights.Compute(Enumerable.Range(0, 8).ToArray(), [0.0, 1.0, 0.0825, 0.023000000000000003, 0.5, -0.3, 1.0, 0.9]);
        Assert.Equal(computed.Weights.Select(BitConverter.SingleToUInt32Bits), written.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void Json_floats_are_the_shortest_round_trip_form()
    {
        var floats = ArbMap.Default.GeneratorFor<float>().Where(float.IsFinite).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(floats, f =>
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteNumberValue(f);
            }
            string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            float back = float.Parse(text, CultureInfo.InvariantCulture);
            return BitConverter.SingleToUInt32Bits(back) == BitConverter.SingleToUInt32Bits(f)
                && text == f.ToString("R", CultureInfo.InvariantCulture);
        }));
    }

    [Fact]
    public void Burn_uid_sends_all_weight_to_it()
    {
        var (exit, output, _) = CliRunner.Run("weights", "--input", CliRunner.TempFile(WorkedInput), "--burn-uid", "0", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("""{"mode":"burn","uids":[0],"weights":[1],"emit":{"uids":[0],"values":[65535]}}""", output.Trim());
    }

    [Fact]
    public void Max_weight_caps_the_largest_weights()
    {
        var (exit, output, _) = CliRunner.Run("weights", "--input", CliRunner.TempFile(WorkedInput), "--max-weight", "0.2", "--format", "json");
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.All(document.RootElement.GetProperty("weights").EnumerateArray(), w => Assert.True(w.GetSingle() <= 0.2f));
    }

    [Fact]
    public void Table_output_lists_each_uid_with_weight_and_value()
    {
        var (exit, output, _) = CliRunner.Run("weights", "--input", CliRunner.TempFile(WorkedInput));
        Assert.Equal(0, exit);
        Assert.Contains("Weights from scores", output);
        Assert.Contains("8 uids, 6 emitted", output);
        Assert.True(TableText.HasRow(output, "UID", "Weight", "U16"), output);
        Assert.True(TableText.HasRow(output, "2", "0.023534447", "5407"), output);
        Assert.True(TableText.HasRow(output, "5", "0", "-"), output);
    }

    [Theory]
    [InlineData("""{"uids":[0,1.5],"scores":[1,2]}""", ":1:", "$.uids[1]")]
    [InlineData("""{"uids":[0,1]}""", "'scores' is missing", "")]
    [InlineData("""{"uids":[0,1],"scores":[1,2],"extra":1}""", "extra", "")]
    [InlineData("""{"uids":[],"scores":[]}""", "empty", "")]
    [InlineData("""{"uids":[0,-1],"scores":[1,2]}""", "negative", "")]
    [InlineData("""{"uids":[0,1,2],"scores":[1,2]}""", "same length", "")]
    [InlineData("""{"uids":[0,0],"scores":[1,2]}""", "more than once", "")]
    [InlineData("""{"uids":[0],"scores":[1e39]}""", "float32", "")]
    [InlineData("""[1,2]""", "invalid weights input", "")]
    [InlineData("""{"uids":[0], "scores":[1""", "invalid weights input", "")]
    public void Bad_input_fails_with_exit_1_and_one_clear_line(string json, string expected, string alsoExpected)
    {
        var (exit, output, error) = CliRunner.Run("weights", "--input", CliRunner.TempFile(json), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("scoring weights: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("(Parameter", error);
        Assert.Contains(expected, error);
        Assert.Contains(alsoExpected, error);
    }

    [Fact]
    public void Bad_max_weight_and_burn_uid_fail_with_exit_1()
    {
        string input = CliRunner.TempFile(WorkedInput);
        Assert.Equal(1, CliRunner.Run("weights", "--input", input, "--max-weight", "1.5").Exit);
        Assert.Equal(1, CliRunner.Run("weights", "--input", input, "--burn-uid", "-3").Exit);
    }

    [Fact]
    public void Missing_input_file_fails_with_a_message()
    {
        var (exit, _, error) = CliRunner.Run("weights", "--input", "/nonexistent/scores.json");
        Assert.Equal(1, exit);
        Assert.Equal("scoring weights: --input '/nonexistent/scores.json': the file does not exist.", error.Trim());
    }
}
