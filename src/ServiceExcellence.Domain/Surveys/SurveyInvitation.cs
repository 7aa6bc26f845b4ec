using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Surveys;

/// <summary>
/// The request to a client's contact to rate one transaction; at most one per transaction. The secret
/// links that lead to it are <see cref="SurveyLinkToken"/>s, stored only as hashes.
/// </summary>
public sealed class SurveyInvitation : Entity
{
    private SurveyInvitation()
    {
        Language = string.Empty;
    }

    private SurveyInvitation(Guid transactionId, Guid contactId, string language, DateTimeOffset now)
    {
        TransactionId = transactionId;
        ContactId = contactId;
        Language = language;
        CreatedAt = now;
    }

    public Guid TransactionId { get; private set; }
    public Guid ContactId { get; private set; }
    public string Language { get; private set; }
    public InvitationStatus Status { get; private set; }
    public SuppressionReason? SuppressionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public int ReminderCount { get; private set; }
    public DateTimeOffset? LastReminderAt { get; private set; }

    /// <summary>The last delivery error, shown to staff when the status is Failed.</summary>
    public string? LastError { get; private set; }

    public static SurveyInvitation Create(Guid transactionId, Guid contactId, string language, DateTimeOffset now, TimeSpan lifetime) =>
        new(transactionId, contactId, language, now) { Status = InvitationStatus.Pending, ExpiresAt = now + lifetime };

    public static SurveyInvitation Suppress(Guid transactionId, Guid contactId, string language, DateTimeOffset now, SuppressionReason reason) =>
        new(transactionId, contactId, language, now) { Status = InvitationStatus.Suppressed, SuppressionReason = reason };

    public bool IsOpenForAnswers(DateTimeOffset now) =>
        Status is InvitationStatus.Pending or InvitationStatus.Sent or InvitationStatus.Opened or InvitationStatus.Failed
        && ExpiresAt > now;

    public void MarkSent(DateTimeOffset at)
    {
        if (Status is InvitationStatus.Pending or InvitationStatus.Failed)
        {
            Status = InvitationStatus.Sent;
            LastError = null;
        }

        SentAt ??= at;
    }

    public void MarkFailed(string error)
    {
        if (Status is InvitationStatus.Pending)
        {
            Status = InvitationStatus.Failed;
        }

        LastError = error;
    }

    public void MarkOpened()
    {
        if (Status is InvitationStatus.Pending or InvitationStatus.Sent)
        {
            Status = InvitationStatus.Opened;
        }
    }

    public void MarkResponded(DateTimeOffset at)
    {
        Status = InvitationStatus.Responded;
        RespondedAt ??= at;
    }

    public void RecordReminder(DateTimeOffset at)
    {
        ReminderCount++;
        LastReminderAt = at;
    }

    public void Expire()
    {
        if (Status is InvitationStatus.Pending or InvitationStatus.Sent or InvitationStatus.Opened or InvitationStatus.Failed)
        {
            Status = InvitationStatus.Expired;
        }
    }

    /// <summary>The contact was erased: the invitation can no longer be answered and its delivery error (which may quote the address) goes.</summary>
    public void Close()
    {
        Expire();
        LastError = null;
    }

    /// <summary>Staff send the invitation again: it is open for answers for a new lifetime.</summary>
    public void Reopen(DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status is InvitationStatus.Responded or InvitationStatus.Suppressed)
        {
            throw new DomainException(Status == InvitationStatus.Responded
                ? "The contact has already answered this survey."
                : "This survey was suppressed and is not sent.");
        }

        Status = InvitationStatus.Pending;
        ExpiresAt = now + lifetime;
        LastError = null;
    }
}
