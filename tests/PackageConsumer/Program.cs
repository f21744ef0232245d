using Scoring;

// A consumer of the published packages: if this builds and prints the expected line, the packages are usable.
var total = Points.Sum([Points.FromDouble(0.0825), Points.FromDouble(1.0), Points.FromUnits(1)]);
string expected = "1.082501";
Console.WriteLine($"package consumer: total {total} (expected {expected})");
return total.ToString() == expected ? 0 : 1;
