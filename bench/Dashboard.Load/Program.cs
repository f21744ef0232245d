using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Load;
using Swarm.Dashboard;
using Swarm.Dashboard.Security;

// Load on a running dashboard: dotnet Dashboard.Load.dll <url> <admin token file> [peers] [bodies per peer] [reports per body] [connections] [sent.jsonl]
// (bench/dashboard-ingest.sh starts a fresh server and runs this). Prints one result line for the rounds after the
// first (a warm-up), then checks the ledger against what was sent: every report accepted once, every micro-point of
// compute accounted for. With a file, also writes every report sent, in order, for the script's reference run.
if (args.Length < 2 || (args.Length > 3 && int.Parse(args[3], CultureInfo.InvariantCulture) < 2))
{
    Console.Error.WriteLine("usage: Dashboard.Load <url> <admin token file> [peers=1000] [bodies=10, at least 2] [reports per body=10] [connections=100] [sent.jsonl]");
    return 2;
}
var address = new Uri(args[0]);
string adminToken = File.ReadAllText(args[1]).Trim();
int peers = Argument(2, 1000), bodies = Argument(3, 10), reportsPerBody = Argument(4, 10), connections = Argument(5, 100);
var plan = new LoadPlan(peers, bodies, reportsPerBody, seed: 20261206);

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
var secrets = new string[peers];
await Parallel.ForEachAsync(Enumerable.Range(0, peers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, token) =>
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/peers") { Content = JsonContent.Create(new PeerRequest(LoadPlan.PeerId(p), LoadPlan.Account(p))) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    using var response = await client.SendAsync(request, token);
    response.EnsureSuccessStatusCode();
    secrets[p] = (await response.Content.ReadFromJsonAsync<PeerCredentials>(token))!.Secret;
});

// Bodies are made before the clock starts; each is signed when it is sent, as a node does. The first round warms the
// server up (JIT, connections, caches) and is not timed; every round is checked against the ledger.
var rounds = Enumerable.Range(0, bodies).Select(b => Enumerable.Range(0, peers).Select(p => plan.Body(p, b)).ToArray()).ToArray();
long accepted = 0, refused = 0;
var latencies = new List<double>(peers * bodies);
await PostRoundAsync(rounds[0], timed: false);
var clock = Stopwatch.StartNew();
foreach (var round in rounds.Skip(1))
    await PostRoundAsync(round);
var elapsed = clock.Elapsed;
long timedReports = (long)peers * (bodies - 1) * reportsPerBody;
var heartbeats = Enumerable.Range(0, peers).Select(plan.Heartbeat).ToArray();
await PostRoundAsync(heartbeats, counted: false, timed: false);
if (args.Length > 6)
{
    await using var sent = File.Create(args[6]);
    foreach (var body in rounds.SelectMany(round => round).Concat(heartbeats))
        await sent.WriteAsync(body);
}

latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{timedReports} reports in {peers * (bodies - 1)} bodies of {reportsPerBody} (after a warm-up round), {connections} connections: {elapsed.TotalSeconds:F2} s, {timedReports / elapsed.TotalSeconds:F0} reports/s, {peers * (bodies - 1) / elapsed.TotalSeconds:F0} bodies/s, latency p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms"));

// What the ledger holds against what was sent.
var board = (await client.GetFromJsonAsync<LeaderboardDocument>($"/api/leaderboard?top={peers}"))!;
long computeUnits = board.Rows.Sum(r => r.Compute.Units);
bool exact = accepted == plan.Reports && refused == 0 && board.AccountCount == peers && computeUnits == plan.ExpectedComputeUnits;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ledger: {board.AccountCount} accounts, compute {computeUnits} units (sent {plan.ExpectedComputeUnits}); accepted {accepted} of {plan.Reports}, refused {refused}: {(exact ? "every point accounted for" : "MISMATCH")}"));
return exact ? 0 : 1;

async Task PostRoundAsync(byte[][] round, bool counted = true, bool timed = true)
{
    await Parallel.ForEachAsync(Enumerable.Range(0, round.Length), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (p, token) =>
    {
        var started = Stopwatch.GetTimestamp();
        var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new ByteArrayContent(round[p]) };
        string digest = PeerSignature.ContentDigest(round[p]);
        request.Headers.TryAddWithoutValidation(PeerSignature.DigestHeader, digest);
        request.Headers.TryAddWithoutValidation("Authorization", PeerSignature.Authorization(LoadPlan.PeerId(p), secrets[p], DateTimeOffset.UtcNow, digest));
        using var response = await client.SendAsync(request, token);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"peer {p}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
        var result = (await response.Content.ReadFromJsonAsync<ReportsResponse>(token))!;
        if (!counted)
            return;
        Interlocked.Add(ref accepted, result.Accepted);
        Interlocked.Add(ref refused, result.Refused.Count);
        if (timed)
        {
            lock (latencies)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    });
}

int Argument(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
