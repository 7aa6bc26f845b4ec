using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Alerts;

/// <summary>
/// When to raise an alert, how severe it is and how fast it must be handled. Rules are data that
/// administrators edit; rating rules run in the rating's transaction, trend rules in a scheduled job.
/// </summary>
public sealed class AlertRule : Entity
{
    private AlertRule()
    {
        Name = string.Empty;
    }

    public AlertRule(string name, AlertRuleKind kind, AlertSeverity severity, int acknowledgeWithinHours, int resolveWithinHours)
    {
        Name = string.Empty;
        Kind = kind;
        Update(name, true, severity, acknowledgeWithinHours, resolveWithinHours, null, null, null, 30, 90);
    }

    public string Name { get; private set; }
    public AlertRuleKind Kind { get; private set; }
    public bool IsEnabled { get; private set; }
    public AlertSeverity Severity { get; private set; }
    public int AcknowledgeWithinHours { get; private set; }
    public int ResolveWithinHours { get; private set; }

    /// <summary>Score, drop or percentage, as the kind says; unused by the category and guarantee rules.</summary>
    public decimal? Threshold { get; private set; }

    /// <summary>Comma-separated keywords of a comment rule.</summary>
    public string? Keywords { get; private set; }

    /// <summary>The language a keyword rule applies to; empty for all.</summary>
    public string? Language { get; private set; }

    /// <summary>Trend rules: the recent window, in days.</summary>
    public int WindowDays { get; private set; }

    /// <summary>Trend rules: the baseline before the window, in days.</summary>
    public int BaselineDays { get; private set; }

    public void Update(string name, bool isEnabled, AlertSeverity severity, int acknowledgeWithinHours, int resolveWithinHours,
        decimal? threshold, string? keywords, string? language, int windowDays, int baselineDays)
    {
        if (acknowledgeWithinHours < 1 || resolveWithinHours < acknowledgeWithinHours)
        {
            throw new DomainException("Acknowledge within at least 1 hour, and resolve no sooner than acknowledge.");
        }

        Name = Guard.Required(name, "Name", 100);
        IsEnabled = isEnabled;
        Severity = severity;
        AcknowledgeWithinHours = acknowledgeWithinHours;
        ResolveWithinHours = resolveWithinHours;
        Threshold = threshold;
        Keywords = Guard.Optional(keywords, "Keywords", 1_000);
        Language = Guard.Optional(language, "Language", Limits.Language)?.ToLowerInvariant();
        WindowDays = windowDays;
        BaselineDays = baselineDays;
    }

    public IEnumerable<string> KeywordList =>
        (Keywords ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
