using CsCheck;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.UnitTests.Fuzz;

/// <summary>
/// The checks of a transaction sent by the API or a CSV row, on arbitrary input: they never throw, and whatever
/// they accept the domain can record — a contact and a transaction are created without a rule of theirs refusing
/// it (which would reach the client as an error without a field name).
/// </summary>
public sealed class TransactionInputFuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string?> Reference = Either(Gen.String[Gen.Char.AlphaNumeric, 1, 110]);
    private static readonly Gen<string?> Email = Either(Gen.Select(Gen.String[Gen.Char["abc.+_-é"], 1, 260], Gen.String[Gen.Char["abc.-"], 1, 20], (local, domain) => $"{local}@{domain}"));
    private static readonly Gen<string?> Language = Either(Gen.Select(Gen.String[Gen.Char['a', 'z'], 2, 3], Gen.String[Gen.Char.AlphaNumeric, 2, 8].Array[0, 4], (primary, subtags) => string.Join("-", [primary, .. subtags])));
    private static readonly Gen<string?> Instant = Either(Gen.Select(Gen.DateTime[new DateTime(1, 1, 2), new DateTime(9999, 12, 30)], Gen.Int[-14 * 60, 14 * 60], Gen.Bool, (at, offset, zulu) =>
        zulu ? at.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture)
            : new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), TimeSpan.FromMinutes(offset / 15 * 15)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
    private static readonly Gen<string?> Channel = Either(Gen.OneOf("Phone", "email", " On Site ", "Web", "chat", "Other", "1", "Phone,Email", "phone, email", "-1", "99"));
    private static readonly Gen<string?> Currency = Either(Gen.OneOf("EUR", "usd", " gbp ", "EU", "EURO", "€"));
    private static readonly Gen<decimal?> Amount = Gen.Frequency(
        (2, Gen.Const((decimal?)null)),
        (3, Gen.Decimal[0m, 1_000_000m].Select(d => (decimal?)d)),
        (1, Gen.Decimal.Select(d => (decimal?)d)),
        (1, Gen.OneOf<decimal?>(decimal.MaxValue, decimal.MinValue, -0.01m, 999_999_999_999.99m, 1_000_000_000_000m)));

    private static readonly Gen<TransactionInput> Input =
        Gen.Select(Reference, Reference, Email, Either(Gen.String[Gen.Char.AlphaNumeric, 1, 210]), Language, Reference, Email, Instant,
            (reference, client, email, name, language, line, performedBy, at) => (reference, client, email, name, language, line, performedBy, at))
        .SelectMany(t => Gen.Select(Channel, Amount, Currency, Gen.Bool, (channel, amount, currency, withContact) => new TransactionInput
        {
            ExternalReference = t.reference,
            ClientReference = t.client,
            Contact = withContact ? new ContactInput { Email = t.email, Name = t.name, Language = t.language } : null,
            ServiceLine = t.line,
            PerformedBy = t.performedBy,
            OccurredAt = t.at,
            Channel = channel,
            InvoicedAmount = amount,
            Currency = currency,
        }));

    /// <summary>
    /// Inputs built from plausible parts only, mixed in so that the property also exercises what the checks accept:
    /// the hostile generators alone rarely get every field right at once.
    /// </summary>
    private static readonly Gen<TransactionInput> PlausibleInput =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[Gen.Char['a', 'z'], 1, 30],
            Gen.OneOf("en", "es", "pt-BR", " de "), Gen.String[Gen.Char.AlphaNumeric, 1, 10], Gen.Int[0, 3_000], Gen.Decimal[0m, 1_000_000m],
            (reference, client, local, language, line, daysAgo, amount) => new TransactionInput
            {
                ExternalReference = reference,
                ClientReference = client,
                Contact = new ContactInput { Email = $"{local}@example.com", Language = language },
                ServiceLine = line,
                OccurredAt = Now.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                Channel = "Phone",
                InvoicedAmount = amount,
                Currency = "EUR",
            });

    [Fact]
    public void The_checks_never_throw_and_what_they_accept_the_domain_records()
    {
        var validator = new TransactionInputValidator(new FixedClock(Now));
        var accepted = 0;

        Check.Sample(Gen.Frequency((4, Input), (1, PlausibleInput)), input =>
        {
            var result = validator.Validate(input);
            if (!result.IsValid)
            {
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.PropertyName)));
                return;
            }

            Interlocked.Increment(ref accepted);

            // What the ingestion records for a valid input (TransactionIngestor): defaults, trimming, the contact's name from the address.
            var email = input.Contact!.Email!.Trim().ToLowerInvariant();
            var name = string.IsNullOrWhiteSpace(input.Contact.Name) ? email[..Math.Min(email.IndexOf('@', StringComparison.Ordinal), 200)] : input.Contact.Name.Trim();
            var language = string.IsNullOrWhiteSpace(input.Contact.Language) ? "en" : input.Contact.Language.Trim().ToLowerInvariant();
            var team = new Team("Client Team North", TeamKind.Client);
            var client = new Client("Northwind Traders", input.ClientReference!.Trim(), null, 0m, team);
            var line = new ServiceLine(ServiceLine.NormaliseCode(input.ServiceLine), "Field repair", new Team("Field Service", TeamKind.Operations));
            var contact = client.AddContact(name, email, language);
            var transaction = new Transaction(
                "crm", input.ExternalReference!.Trim(), client, contact, line, null, null, TransactionInputValidator.ParseInstant(input.OccurredAt)!.Value,
                string.IsNullOrWhiteSpace(input.Channel) ? ServiceExcellence.Domain.Transactions.Channel.Other : TransactionInputValidator.ParseChannel(input.Channel)!.Value,
                input.InvoicedAmount ?? 0m, string.IsNullOrWhiteSpace(input.Currency) ? "EUR" : input.Currency);

            Assert.True(transaction.InvoicedAmount < 1_000_000_000_000m);
            Assert.True(transaction.OccurredAt <= Now.AddDays(1));
        }, iter: Hostile.Iterations(5_000), print: i => System.Text.Json.JsonSerializer.Serialize(i));

        Assert.True(accepted > 0, "No generated input was valid: the generators test only the refusals.");
    }

    [Theory]
    [InlineData("Phone,Email")]
    [InlineData("phone, email")]
    [InlineData("Phone|Email")]
    public void A_list_of_channels_is_not_one_channel(string channel) =>
        Assert.Null(TransactionInputValidator.ParseChannel(channel));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Gen<string?> Either(Gen<string> plausible) => Gen.Frequency((4, plausible.Select(p => (string?)p)), (1, Hostile.NullableText));
}
