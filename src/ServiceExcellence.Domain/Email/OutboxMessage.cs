using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Email;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,

    /// <summary>Every attempt failed; kept with its last error for staff to see and resend.</summary>
    Failed = 2,
}

/// <summary>
/// An email written in the same database transaction as the change that causes it, and sent later by the
/// dispatcher. Survey emails carry <see cref="LinkPlaceholder"/> where the secret link goes: the token is
/// minted at send time, so it is never stored in clear.
/// </summary>
public sealed class OutboxMessage : Entity
{
    /// <summary>Replaced at send time by the secret token of <see cref="SurveyInvitationId"/>.</summary>
    public const string LinkPlaceholder = "{{survey-token}}";

    private OutboxMessage()
    {
        Kind = ToAddress = ToName = Subject = TextBody = HtmlBody = MessageId = string.Empty;
    }

    public OutboxMessage(string kind, string toAddress, string toName, string subject, string textBody, string htmlBody, DateTimeOffset now, Guid? surveyInvitationId = null)
    {
        Kind = kind;
        ToAddress = Guard.Required(toAddress, "Recipient", Limits.Email);
        ToName = toName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = now;
        NextAttemptAt = now;
        SurveyInvitationId = surveyInvitationId;
        MessageId = $"{Id:N}@serviceexcellence";
    }

    public string Kind { get; private set; }
    public string ToAddress { get; private set; }
    public string ToName { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string HtmlBody { get; private set; }
    public Guid? SurveyInvitationId { get; private set; }

    /// <summary>Stable across retries, so a receiving server can recognise a repeat.</summary>
    public string MessageId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>While set and in the future, one dispatcher owns the message (a lease, so a crashed owner's messages come back).</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public string? LockedBy { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTimeOffset at)
    {
        Status = OutboxStatus.Sent;
        SentAt = at;
        Attempts++;
        LockedBy = null;
        LockedUntil = null;
        LastError = null;
    }

    /// <summary>Schedules the next attempt with exponential back-off, or gives up after <paramref name="maxAttempts"/>.</summary>
    public void MarkAttemptFailed(string error, DateTimeOffset now, int maxAttempts, TimeSpan baseDelay)
    {
        Attempts++;
        LastError = error.Length > 1_000 ? error[..1_000] : error;
        LockedBy = null;
        LockedUntil = null;
        if (Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 20)), TimeSpan.FromHours(1).Ticks));
        NextAttemptAt = now + delay;
    }

    /// <summary>Staff send a failed message again.</summary>
    public void Retry(DateTimeOffset now)
    {
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LastError = null;
    }
}
