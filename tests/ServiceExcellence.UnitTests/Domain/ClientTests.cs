using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.UnitTests.Domain;

public sealed class ClientTests
{
    private static readonly Team ClientTeam = new("Client Team North", TeamKind.Client);

    [Fact]
    public void A_client_is_owned_by_a_client_team()
    {
        var operations = new Team("Field Service", TeamKind.Operations);

        var error = Assert.Throws<DomainException>(() => new Client("Northwind", null, null, 1_000m, operations));

        Assert.Contains("client team", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annual_revenue_cannot_be_negative()
    {
        Assert.Throws<DomainException>(() => new Client("Northwind", null, null, -1m, ClientTeam));
    }

    [Fact]
    public void A_contact_belongs_to_the_client_that_added_it()
    {
        var client = new Client("Northwind", "CRM-1", "Enterprise", 1_000m, ClientTeam);

        var contact = client.AddContact("Anna Andersen", " Anna@Northwind.Example ", "EN");

        Assert.Equal(client.Id, contact.ClientId);
        Assert.Equal("anna@northwind.example", contact.Email);
        Assert.Equal("en", contact.Language);
    }

    [Fact]
    public void Two_contacts_of_one_client_cannot_share_an_email()
    {
        var client = new Client("Northwind", null, null, 0m, ClientTeam);
        client.AddContact("Anna", "anna@northwind.example", "en");

        Assert.Throws<DomainException>(() => client.AddContact("Anna again", "ANNA@northwind.example", "en"));
    }

    [Fact]
    public void A_contact_without_email_is_allowed()
    {
        var client = new Client("Northwind", null, null, 0m, ClientTeam);

        var contact = client.AddContact("Ben", "  ", "de");

        Assert.Null(contact.Email);
    }
}
