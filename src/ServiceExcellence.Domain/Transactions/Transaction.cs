using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.ServiceLines;

namespace ServiceExcellence.Domain.Transactions;

/// <summary>
/// One thing done for a client — a "contact" in the service-management sense — which the client's contact is asked to rate.
/// The external reference is unique per source system and makes recording idempotent.
/// </summary>
public sealed class Transaction : Entity
{
    /// <summary>Source of transactions recorded by hand in the staff UI.</summary>
    public const string ManualSource = "manual";

    private Transaction()
    {
        SourceSystem = ExternalReference = Currency = string.Empty;
    }

    public Transaction(
        string sourceSystem,
        string externalReference,
        Client client,
        Contact contact,
        ServiceLine serviceLine,
        Guid? performedByPersonId,
        Guid? performedByTeamId,
        DateTimeOffset occurredAt,
        Channel channel,
        decimal invoicedAmount,
        string currency)
    {
        if (contact.ClientId != client.Id)
        {
            throw new DomainException($"{contact.Name} is not a contact of {client.Name}.");
        }

        SourceSystem = Guard.Required(sourceSystem, "Source system", Limits.SourceSystem).ToLowerInvariant();
        ExternalReference = Guard.Required(externalReference, "External reference", Limits.ExternalReference);
        ClientId = client.Id;
        ContactId = contact.Id;
        ServiceLineId = serviceLine.Id;
        PerformedByPersonId = performedByPersonId;
        PerformedByTeamId = performedByTeamId ?? serviceLine.OwnerTeamId;
        OccurredAt = occurredAt.ToUniversalTime();
        Channel = channel;
        InvoicedAmount = Guard.NotNegative(invoicedAmount, "Invoiced amount");
        Currency = NormaliseCurrency(currency);
    }

    public string SourceSystem { get; private set; }
    public string ExternalReference { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid ContactId { get; private set; }
    public Guid ServiceLineId { get; private set; }
    public Guid? PerformedByPersonId { get; private set; }
    public Guid? PerformedByTeamId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Channel Channel { get; private set; }
    public decimal InvoicedAmount { get; private set; }
    public string Currency { get; private set; }

    public static string NormaliseCurrency(string? currency)
    {
        var code = Guard.Required(currency, "Currency", Limits.Currency).ToUpperInvariant();
        return code.Length == 3 && code.All(char.IsAsciiLetterUpper)
            ? code
            : throw new DomainException("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
    }
}
