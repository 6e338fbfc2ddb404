namespace Expectations.Samples.Generator;

/// <summary>One block of generated rows, column by column (the layout Parquet writes).</summary>
internal sealed class TransactionBlock(int capacity)
{
    public int Count { get; set; }
    public long[] TransactionId { get; } = new long[capacity];
    public string?[] CustomerEmail { get; } = new string?[capacity];
    public string[] Country { get; } = new string[capacity];
    public double?[] Amount { get; } = new double?[capacity];
    public string[] Currency { get; } = new string[capacity];
    public string[] Label { get; } = new string[capacity];
    public double[] Score { get; } = new double[capacity];
    public DateTime[] CreatedAt { get; } = new DateTime[capacity];
    public int[] Quantity { get; } = new int[capacity];
    public double[] UnitPrice { get; } = new double[capacity];
    public double[] Total { get; } = new double[capacity];
}

/// <summary>
/// Generates realistic e-commerce transactions with a fixed seed, and plants data-quality problems at rows that
/// depend only on the total row count, so every run with the same <c>--rows</c> writes the same data.
/// </summary>
/// <remarks>
/// Planted problems (what the sample suite must catch): 3 duplicated transaction ids; malformed e-mail addresses
/// (~0.8 %), missing ones (~0.4 %) and one absurdly long one; unknown country codes ("XX", and "UK" which is not
/// ISO 3166); missing amounts (~0.5 %), mis-signed negative amounts (~0.2 %) and one fat-finger outlier; labels
/// "unknown" (~0.3 %); 2 timestamps in 2031; 5 totals with a misplaced decimal point (total = quantity × unit_price / 10).
/// </remarks>
internal sealed class TransactionGenerator
{
    public const int Seed = 20260101;
    public const double OutlierAmount = 12_500_000.00;
    public const int WrongTotals = 5;

    private static readonly (string Code, string Currency, int Weight)[] Countries =
    [
        ("US", "USD", 30), ("GB", "GBP", 14), ("DE", "EUR", 12), ("FR", "EUR", 9), ("CA", "USD", 6), ("NL", "EUR", 5),
        ("ES", "EUR", 5), ("IT", "EUR", 5), ("AU", "USD", 4), ("IE", "EUR", 3), ("SE", "EUR", 2), ("JP", "USD", 2),
        ("IN", "USD", 2), ("BR", "USD", 1),
    ];

    private static readonly string[] FirstNames =
    [
        "anna", "ben", "chloe", "david", "emma", "felix", "grace", "hugo", "isla", "jack", "kim", "liam", "mia", "noah",
        "olivia", "paul", "quinn", "rosa", "sam", "tara", "umar", "vera", "will", "xena", "yusuf", "zoe", "lena", "marco",
    ];

    private static readonly string[] LastNames =
    [
        "smith", "jones", "müller", "schmidt", "martin", "bernard", "garcia", "rossi", "nguyen", "tanaka", "silva",
        "kowalski", "johnson", "brown", "dubois", "fischer", "murphy", "lopez", "patel", "kim",
    ];

    private static readonly string[] Domains = ["gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "example.org", "fastmail.fm", "web.de"];

    private static readonly DateTime YearStart = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(Seed);
    private readonly long _rows;
    private readonly int _totalWeight = Countries.Sum(c => c.Weight);
    private readonly Dictionary<long, long> _duplicateOf;
    private readonly Dictionary<long, long> _duplicateSourceIds = [];
    private readonly HashSet<long> _futureRows;
    private readonly HashSet<long> _wrongTotalRows;
    private readonly long _outlierRow;
    private readonly long _longEmailRow;

    public TransactionGenerator(long rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 100);
        _rows = rows;
        // Duplicates copy the id of an earlier row, some across row-group boundaries.
        _duplicateOf = new Dictionary<long, long>
        {
            [rows / 4 + 7] = rows / 10,
            [rows / 2 + 3] = rows / 2 - 2,
            [rows * 9 / 10 + 1] = rows * 3 / 4,
        };
        _futureRows = [rows / 3, rows * 7 / 9];
        _wrongTotalRows = [.. Enumerable.Range(1, WrongTotals).Select(k => rows * k / (WrongTotals + 1) + 13)];
        _outlierRow = rows * 3 / 5 + 11;
        _longEmailRow = rows / 7 + 5;
    }

    /// <summary>Fills <paramref name="block"/> with the next <paramref name="count"/> rows, starting at global row <paramref name="start"/>.</summary>
    public void Fill(TransactionBlock block, long start, int count)
    {
        block.Count = count;
        var span = TimeSpan.FromDays(365).Ticks - TimeSpan.FromHours(1).Ticks;
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            var id = 1_000_000L + row;
            if (_duplicateOf.TryGetValue(row, out var source))
            {
                id = _duplicateSourceIds[source];
            }

            if (_duplicateOf.ContainsValue(row))
            {
                _duplicateSourceIds[row] = id;
            }

            block.TransactionId[i] = id;

            var (country, currency) = PickCountry();
            block.Country[i] = country;
            block.Currency[i] = currency;
            block.CustomerEmail[i] = row == _longEmailRow ? new string('x', 290) + "@spam.example" : Email();

            var quantity = 1 + (int)(Math.Pow(_random.NextDouble(), 2.2) * 10);
            var unitPrice = Math.Max(0.5, Math.Round(Math.Exp(3 + 0.8 * Gaussian()), 2));
            if (_wrongTotalRows.Contains(row))
            {
                // A misplaced decimal point; quantity < 10 keeps the wrong total below the unit price, which the suite can see.
                quantity = 2 + (int)(row % 7);
            }

            var total = Math.Round(quantity * unitPrice, 2);
            if (_wrongTotalRows.Contains(row))
            {
                total = Math.Round(total / 10, 2);
            }

            block.Quantity[i] = quantity;
            block.UnitPrice[i] = unitPrice;
            block.Total[i] = total;

            var shipping = total >= 50 ? 0 : 4.99;
            double? amount = Math.Round(total + shipping, 2);
            var roll = _random.NextDouble();
            if (row == _outlierRow)
            {
                amount = OutlierAmount;
            }
            else if (roll < 0.005)
            {
                amount = null;
            }
            else if (roll < 0.007)
            {
                amount = -amount;
            }

            block.Amount[i] = amount;

            var score = Math.Round((_random.NextDouble() + _random.NextDouble() + _random.NextDouble()) / 3, 4);
            block.Score[i] = score;
            var labelRoll = _random.NextDouble();
            block.Label[i] = labelRoll < 0.003 ? "unknown"
                : labelRoll < 0.15 ? new[] { "positive", "negative", "neutral" }[_random.Next(3)]
                : score > 0.58 ? "positive" : score < 0.42 ? "negative" : "neutral";

            // Whole seconds, so the CSV (written to the second) holds exactly the Parquet values.
            var seconds = (long)((double)row / _rows * span / TimeSpan.TicksPerSecond) + _random.Next(0, 3_600);
            var created = YearStart.AddSeconds(seconds);
            block.CreatedAt[i] = _futureRows.Contains(row) ? created.AddYears(5) : created;
        }
    }

    private (string Country, string Currency) PickCountry()
    {
        var roll = _random.NextDouble();
        if (roll < 0.001)
        {
            return ("XX", "USD");
        }

        if (roll < 0.0016)
        {
            return ("UK", "GBP");
        }

        var pick = _random.Next(_totalWeight);
        foreach (var (code, currency, weight) in Countries)
        {
            if (pick < weight)
            {
                return (code, currency);
            }

            pick -= weight;
        }

        return ("US", "USD");
    }

    private string? Email()
    {
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)];
        var domain = Domains[_random.Next(Domains.Length)];
        var number = _random.Next(100) < 40 ? _random.Next(1, 99).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.004 => null,
            < 0.006 => $"{first}.{last}{number}{domain}",
            < 0.008 => $"{first}.{last}{number}@{domain.Split('.')[0]}",
            < 0.010 => $"{first} {last}@{domain}",
            < 0.012 => $"{first}.{last}@@{domain}",
            _ => $"{first}.{last}{number}@{domain}",
        };
    }

    private double Gaussian()
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm finite.
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
