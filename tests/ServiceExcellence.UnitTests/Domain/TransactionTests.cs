using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.UnitTests.Domain;

public sealed class TransactionTests
{
    private static readonly Team Operations = new("Field Service", TeamKind.Operations);
    private static readonly ServiceLine Repair = new("REPAIR", "Field repair", Operations);
    private static readonly Client Northwind = new("Northwind", null, null, 1m, new Team("North", TeamKind.Client));
    private static readonly Contact Anna = Northwind.AddContact("Anna", "anna@northwind.example", "en");

    private static Transaction Record(Contact contact, decimal amount = 100m, string currency = "eur") =>
        new("CRM", "T-1", Northwind, contact, Repair, null, null, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), Channel.OnSite, amount, currency);

    [Fact]
    public void A_transaction_is_performed_by_the_service_lines_team_unless_told_otherwise()
    {
        var transaction = Record(Anna);

        Assert.Equal(Operations.Id, transaction.PerformedByTeamId);
        Assert.Equal("crm", transaction.SourceSystem);
        Assert.Equal("EUR", transaction.Currency);
        Assert.Equal(TimeSpan.Zero, transaction.OccurredAt.Offset);
        Assert.Equal(new DateTime(2026, 3, 1, 8, 0, 0), transaction.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void The_contact_must_belong_to_the_client()
    {
        var other = new Client("Contoso", null, null, 1m, new Team("South", TeamKind.Client));
        var stranger = other.AddContact("Ben", "ben@contoso.example", "en");

        Assert.Throws<DomainException>(() => Record(stranger));
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    public void Currency_must_be_an_ISO_code(string currency)
    {
        Assert.Throws<DomainException>(() => Record(Anna, currency: currency));
    }

    [Fact]
    public void Invoiced_amount_cannot_be_negative()
    {
        Assert.Throws<DomainException>(() => Record(Anna, amount: -0.01m));
    }
}
