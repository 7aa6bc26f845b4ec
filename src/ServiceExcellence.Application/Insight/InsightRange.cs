using FluentValidation;

namespace ServiceExcellence.Application.Insight;

/// <summary>
/// A dashboard's date range: whole UTC days, both ends included, and the period of the same length just before it
/// for comparison. Without dates, the last 90 days up to today.
/// </summary>
public sealed record InsightRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 731;
    public const int DefaultDays = 90;

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public InsightRange Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after the range.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static InsightRange Of(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new InsightRange(from ?? end.AddDays(-(DefaultDays - 1)), end);
    }

    /// <summary>The rules for a query's <c>From</c> and <c>To</c> (a missing end is today), with field names the page shows messages beside.</summary>
    public static void Validate<T>(AbstractValidator<T> validator, Func<T, DateOnly?> from, Func<T, DateOnly?> to, TimeProvider clock)
    {
        validator.RuleFor(q => from(q))
            .InclusiveBetween(Earliest, Latest).WithMessage("Choose a start date from 2000 to 2100.").OverridePropertyName(nameof(From));
        validator.RuleFor(q => to(q))
            .InclusiveBetween(Earliest, Latest).WithMessage("Choose an end date from 2000 to 2100.").OverridePropertyName(nameof(To));

        // Only dates in those bounds make a range: the default start is 90 days before the end, which an end in
        // the first days of year 1 cannot have (the check itself would fail instead of answering).
        validator.RuleFor(q => Of(from(q), to(q), clock))
            .Must(r => r.To >= r.From).WithMessage("The end date must not be before the start date.").OverridePropertyName(nameof(To))
            .Must(r => r.To < r.From || r.Days <= MaxDays).WithMessage($"Choose a range of at most {MaxDays} days.").OverridePropertyName(nameof(To))
            .When(q => InBounds(from(q)) && InBounds(to(q)));
    }

    private static bool InBounds(DateOnly? day) => day is not { } d || (d >= Earliest && d <= Latest);

    /// <summary>The file name of an export of <paramref name="what"/> for the scope over this range.</summary>
    public string CsvFileName(string what, ResolvedScope scope)
    {
        var name = new string(scope.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        return $"{what}-{(name.Length == 0 ? "scope" : name)}-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.csv";
    }
}
