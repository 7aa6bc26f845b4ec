using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Domain.Clients;

/// <summary>A customer organisation, its value to the company and the client team that owns the relationship.</summary>
public sealed class Client : Entity
{
    private readonly List<Contact> _contacts = [];

    private Client()
    {
        Name = string.Empty;
    }

    public Client(string name, string? externalId, string? segment, decimal annualRevenue, Team clientTeam)
    {
        Name = Guard.Required(name, "Name", Limits.Name);
        Update(name, externalId, segment, annualRevenue, clientTeam, excludedFromSurveys: false);
    }

    public string Name { get; private set; }

    /// <summary>The client's id in other systems (CRM, billing); how integrations refer to it.</summary>
    public string? ExternalId { get; private set; }

    public string? Segment { get; private set; }
    public decimal AnnualRevenue { get; private set; }
    public Guid ClientTeamId { get; private set; }

    /// <summary>No survey invitations are sent to this client's contacts.</summary>
    public bool ExcludedFromSurveys { get; private set; }

    public IReadOnlyCollection<Contact> Contacts => _contacts;

    public void Update(string name, string? externalId, string? segment, decimal annualRevenue, Team clientTeam, bool excludedFromSurveys)
    {
        if (clientTeam.Kind != TeamKind.Client)
        {
            throw new DomainException($"A client is owned by a client team; {clientTeam.Name} is a {clientTeam.Kind} team.");
        }

        Name = Guard.Required(name, "Name", Limits.Name);
        ExternalId = Guard.Optional(externalId, "External id", Limits.ExternalReference);
        Segment = Guard.Optional(segment, "Segment", Limits.Segment);
        AnnualRevenue = Guard.NotNegative(annualRevenue, "Annual revenue");
        ClientTeamId = clientTeam.Id;
        ExcludedFromSurveys = excludedFromSurveys;
    }

    /// <summary>A contact belongs to exactly one client: it is only ever created through its client.</summary>
    public Contact AddContact(string name, string? email, string language)
    {
        var contact = new Contact(Id, name, email, language);
        if (contact.Email is { } address && _contacts.Any(c => c.Email == address))
        {
            throw new DomainException($"{Name} already has a contact with the email {address}.");
        }

        _contacts.Add(contact);
        return contact;
    }
}
