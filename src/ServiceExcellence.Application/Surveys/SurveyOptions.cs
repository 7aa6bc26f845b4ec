namespace ServiceExcellence.Application.Surveys;

/// <summary>The <c>Surveys</c> configuration section: how often and for how long customers are asked.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>A contact surveyed within this many days is not asked again.</summary>
    public int ThrottleDays { get; set; } = 14;

    /// <summary>How long a survey link works (ASVS sets no lifetime for such links; 30 days by default).</summary>
    public int LinkLifetimeDays { get; set; } = 30;

    /// <summary>One reminder is sent this many days after the invitation when there is no answer; 0 sends none.</summary>
    public int ReminderDelayDays { get; set; } = 5;

    /// <summary>How long after submitting the customer may change their answer through the same link.</summary>
    public int EditWindowHours { get; set; } = 24;

    public TimeSpan Throttle => TimeSpan.FromDays(ThrottleDays);
    public TimeSpan LinkLifetime => TimeSpan.FromDays(LinkLifetimeDays);
    public TimeSpan ReminderDelay => TimeSpan.FromDays(ReminderDelayDays);
    public TimeSpan EditWindow => TimeSpan.FromHours(EditWindowHours);
}
