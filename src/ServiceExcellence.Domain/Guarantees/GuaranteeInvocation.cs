using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Guarantees;

public enum GuaranteeChannel
{
    SurveyLink = 0,
    PhoneCall = 1,
    Email = 2,
    Other = 3,
}

public enum GuaranteeStatus
{
    Open = 0,

    /// <summary>The president and the client agreed the amount; the credit is still to be issued.</summary>
    Agreed = 1,

    /// <summary>The credit was issued.</summary>
    Settled = 2,
    Withdrawn = 3,
}

/// <summary>
/// The client invokes the company's 100% unconditional guarantee: they pay what they think the service was
/// worth. It reaches the president directly; settling records the agreed amount and the credit
/// (invoiced − agreed). Every change is in its audit trail.
/// </summary>
public sealed class GuaranteeInvocation : Entity
{
    public const int MaxReasonLength = 2_000;
    public const string ErasedReason = "[removed on the contact's request]";

    private readonly List<GuaranteeAuditEntry> _audit = [];

    private GuaranteeInvocation()
    {
        Currency = Reason = string.Empty;
    }

    public GuaranteeInvocation(Guid clientId, Guid? contactId, Guid? transactionId, GuaranteeChannel channel, decimal invoicedAmount, string currency,
        decimal chosenAmount, string reason, DateTimeOffset now, Guid? loggedById)
    {
        if (invoicedAmount < 0)
        {
            throw new DomainException("The invoiced amount cannot be negative.");
        }

        ClientId = clientId;
        ContactId = contactId;
        TransactionId = transactionId;
        Channel = channel;
        InvoicedAmount = invoicedAmount;
        Currency = currency;
        ChosenAmount = RequireWithin(chosenAmount, invoicedAmount);
        Reason = Guard.Required(reason, "Reason", MaxReasonLength);
        CreatedAt = now;
        LoggedById = loggedById;
        Status = GuaranteeStatus.Open;
        _audit.Add(new GuaranteeAuditEntry(Id, now, loggedById, "Invoked", null, $"{channel}: would pay {chosenAmount:0.00} of {invoicedAmount:0.00} {currency}"));
    }

    public Guid ClientId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid? TransactionId { get; private set; }
    public GuaranteeChannel Channel { get; private set; }
    public decimal InvoicedAmount { get; private set; }
    public string Currency { get; private set; }

    /// <summary>What the client says the service was worth: from nothing up to the invoiced amount.</summary>
    public decimal ChosenAmount { get; private set; }

    public string Reason { get; private set; }
    public GuaranteeStatus Status { get; private set; }
    public decimal? AgreedAmount { get; private set; }

    /// <summary>Invoiced − agreed, once agreed.</summary>
    public decimal? Credit => AgreedAmount is { } agreed ? InvoicedAmount - agreed : null;

    public string? PresidentNotes { get; private set; }
    public DateOnly? FollowUpOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>The member of staff who logged a call or email; null when the client used the survey link.</summary>
    public Guid? LoggedById { get; private set; }

    public IReadOnlyCollection<GuaranteeAuditEntry> Audit => _audit;

    public bool IsOpen => Status is GuaranteeStatus.Open or GuaranteeStatus.Agreed;

    /// <summary>The president agrees the amount with the client (Agreed) or records that the credit is issued (Settled).</summary>
    public void Settle(decimal agreedAmount, bool creditIssued, string? notes, DateOnly? followUpOn, Guid actorId, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("This invocation is already settled or withdrawn.");
        }

        var agreed = RequireWithin(agreedAmount, InvoicedAmount);
        var status = creditIssued ? GuaranteeStatus.Settled : GuaranteeStatus.Agreed;
        Record(now, actorId, "Agreed amount", AgreedAmount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), agreed.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Record(now, actorId, "Status", Status.ToString(), status.ToString());
        AgreedAmount = agreed;
        Status = status;
        SettledAt = creditIssued ? now : null;
        Annotate(notes, followUpOn, actorId, now);
    }

    public void Withdraw(string? notes, Guid actorId, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("This invocation is already settled or withdrawn.");
        }

        Record(now, actorId, "Status", Status.ToString(), GuaranteeStatus.Withdrawn.ToString());
        Status = GuaranteeStatus.Withdrawn;
        Annotate(notes, FollowUpOn, actorId, now);
    }

    public void Annotate(string? notes, DateOnly? followUpOn, Guid actorId, DateTimeOffset now)
    {
        var newNotes = Guard.Optional(notes, "Notes", 4_000);
        Record(now, actorId, "Notes", PresidentNotes, newNotes);
        Record(now, actorId, "Follow-up", FollowUpOn?.ToString("yyyy-MM-dd"), followUpOn?.ToString("yyyy-MM-dd"));
        PresidentNotes = newNotes;
        FollowUpOn = followUpOn;
    }

    /// <summary>
    /// Erasure on request: the customer's reason (their own words, or staff's note of them) is replaced by a neutral text.
    /// Amounts, status and the president's notes stay: they are the company's record of the credit.
    /// </summary>
    public void EraseReason() => Reason = ErasedReason;

    private static decimal RequireWithin(decimal amount, decimal invoiced) =>
        amount < 0 ? throw new DomainException("The amount cannot be negative.")
        : amount > invoiced ? throw new DomainException("The amount cannot be more than was invoiced.")
        : Math.Round(amount, 2);

    private void Record(DateTimeOffset now, Guid? actorId, string field, string? before, string? after)
    {
        if (before != after)
        {
            _audit.Add(new GuaranteeAuditEntry(Id, now, actorId, field, before, after));
        }
    }
}

public sealed class GuaranteeAuditEntry(Guid invocationId, DateTimeOffset at, Guid? actorId, string field, string? before, string? after)
{
    public long Id { get; private set; }
    public Guid InvocationId { get; private set; } = invocationId;
    public DateTimeOffset At { get; private set; } = at;
    public Guid? ActorId { get; private set; } = actorId;
    public string Field { get; private set; } = field;
    public string? Before { get; private set; } = before;
    public string? After { get; private set; } = after;
}
