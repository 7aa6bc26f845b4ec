namespace ServiceExcellence.Application.Privacy;

/// <summary>The <c>Privacy</c> configuration section: how long data that no figure needs is kept.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Survey link tokens are deleted this many days after their invitation expired.</summary>
    public int LinkTokenDays { get; set; } = 30;

    /// <summary>Invitations that were never answered (no rating) are deleted this many days after they were created.</summary>
    public int UnansweredInvitationDays { get; set; } = 365;

    /// <summary>Sent emails are deleted from the outbox this many days after they were sent.</summary>
    public int SentEmailDays { get; set; } = 90;

    /// <summary>How often the retention job runs on each instance.</summary>
    public double RetentionIntervalHours { get; set; } = 24;
}
