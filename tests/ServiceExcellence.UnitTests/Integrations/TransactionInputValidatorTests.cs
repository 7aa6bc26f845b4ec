using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.UnitTests.Integrations;

/// <summary>The API's field checks that need no database; references are checked by the integration tests.</summary>
public sealed class TransactionInputValidatorTests
{
    private static readonly TransactionInputValidator Validator = new(new FixedClock(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero)));

    private static readonly TransactionInput Valid = new()
    {
        ExternalReference = "T-1",
        ClientReference = "CRM-1",
        Contact = new ContactInput { Email = "anna@northwind.example" },
        ServiceLine = "REPAIR",
        OccurredAt = "2026-06-14T15:30:00+02:00",
    };

    [Fact]
    public void A_minimal_transaction_is_valid() => Assert.True(Validator.Validate(Valid).IsValid);

    [Theory]
    [InlineData("2026-06-14T15:30:00Z")]
    [InlineData("2026-06-14T15:30+02:00")]
    [InlineData("2026-06-14T15:30:00.123-05:00")]
    public void Instants_with_an_offset_are_accepted(string at) =>
        Assert.True(Validator.Validate(Valid with { OccurredAt = at }).IsValid);

    [Theory]
    [InlineData("2026-06-14T15:30:00")]
    [InlineData("2026-06-14")]
    [InlineData("14/06/2026 15:30")]
    [InlineData("2026-06-16T09:01:00Z")]
    public void Instants_without_an_offset_or_more_than_a_day_ahead_are_refused(string at) =>
        Assert.Equal([TransactionFields.OccurredAt], Fields(Valid with { OccurredAt = at }));

    [Theory]
    [InlineData("onsite", Channel.OnSite)]
    [InlineData("On site", Channel.OnSite)]
    [InlineData("EMAIL", Channel.Email)]
    public void Channels_are_read_by_name_in_any_case(string text, Channel channel) =>
        Assert.Equal(channel, TransactionInputValidator.ParseChannel(text));

    [Theory]
    [InlineData("3")]
    [InlineData("Pigeon")]
    public void A_channel_that_is_not_one_of_the_names_is_refused(string text) =>
        Assert.Equal([TransactionFields.Channel], Fields(Valid with { Channel = text }));

    [Fact]
    public void An_amount_needs_its_currency() =>
        Assert.Equal([TransactionFields.Currency], Fields(Valid with { InvoicedAmount = 10m }));

    [Fact]
    public void Missing_fields_are_named_as_in_the_body()
    {
        var fields = Fields(new TransactionInput { Contact = new ContactInput { Email = "not-an-email" } });

        Assert.Equal(
            [TransactionFields.ClientReference, TransactionFields.ContactEmail, TransactionFields.ExternalReference, TransactionFields.OccurredAt, TransactionFields.ServiceLine],
            fields);
    }

    private static string[] Fields(TransactionInput input) =>
        Validator.Validate(input).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
