using FluentValidation;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.UnitTests.Transactions;

/// <summary>The rules that need no database; the ones that look records up are covered by the integration tests.</summary>
public sealed class RecordTransactionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly RecordTransaction.Command Valid = new()
    {
        OccurredAt = new DateTime(2026, 6, 14, 15, 30, 0),
        Channel = Channel.Email,
        InvoicedAmount = 250m,
        Currency = "EUR",
    };

    [Theory]
    [InlineData("0")]
    [InlineData("999999999999.99")]
    public async Task Amounts_from_zero_to_just_under_a_trillion_are_accepted(string amount)
    {
        Assert.Empty(await ErrorsAsync(Valid with { InvoicedAmount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }, nameof(Valid.InvoicedAmount)));
    }

    [Theory]
    [InlineData("-0.01", "The invoiced amount cannot be negative.")]
    [InlineData("1000000000000", "The invoiced amount must be less than 1,000,000,000,000.")]
    public async Task Amounts_below_zero_or_from_a_trillion_are_refused(string amount, string message)
    {
        var errors = await ErrorsAsync(Valid with { InvoicedAmount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }, nameof(Valid.InvoicedAmount));

        Assert.Equal([message], errors);
    }

    [Fact]
    public async Task A_transaction_may_be_dated_up_to_one_day_ahead_but_not_later()
    {
        var limit = Now.AddDays(1).UtcDateTime;

        Assert.Empty(await ErrorsAsync(Valid with { OccurredAt = DateTime.SpecifyKind(limit, DateTimeKind.Unspecified) }, nameof(Valid.OccurredAt)));
        Assert.Equal(
            ["It cannot have happened more than a day from now."],
            await ErrorsAsync(Valid with { OccurredAt = DateTime.SpecifyKind(limit.AddMinutes(1), DateTimeKind.Unspecified) }, nameof(Valid.OccurredAt)));
        Assert.Equal(["Enter when it happened."], await ErrorsAsync(Valid with { OccurredAt = null }, nameof(Valid.OccurredAt)));
    }

    [Fact]
    public void A_date_and_time_without_a_kind_is_read_as_UTC()
    {
        var at = RecordTransaction.ToUtc(new DateTime(2026, 6, 14, 15, 30, 0, DateTimeKind.Unspecified));

        Assert.Equal(new DateTimeOffset(2026, 6, 14, 15, 30, 0, TimeSpan.Zero), at);
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("usd")]
    [InlineData(" chf ")]
    public async Task A_three_letter_currency_is_accepted(string currency)
    {
        Assert.Empty(await ErrorsAsync(Valid with { Currency = currency }, nameof(Valid.Currency)));
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Anything_but_three_letters_is_refused_as_currency(string? currency)
    {
        Assert.Equal(
            ["Enter a three-letter currency code such as EUR or USD."],
            await ErrorsAsync(Valid with { Currency = currency }, nameof(Valid.Currency)));
    }

    [Fact]
    public async Task An_external_reference_is_optional_by_hand_and_at_most_100_characters()
    {
        Assert.Empty(await ErrorsAsync(Valid with { ExternalReference = null }, nameof(Valid.ExternalReference)));
        Assert.Empty(await ErrorsAsync(Valid with { ExternalReference = new string('R', 100) }, nameof(Valid.ExternalReference)));
        Assert.Equal(
            ["The external reference must be at most 100 characters."],
            await ErrorsAsync(Valid with { ExternalReference = new string('R', 101) }, nameof(Valid.ExternalReference)));
    }

    [Fact]
    public async Task An_integrating_system_must_send_its_own_reference()
    {
        var errors = await ErrorsAsync(Valid with { SourceSystem = "crm", ExternalReference = " " }, nameof(Valid.ExternalReference));

        Assert.Single(errors);
    }

    [Fact]
    public async Task An_unknown_channel_is_refused()
    {
        Assert.Equal(["Choose how it took place."], await ErrorsAsync(Valid with { Channel = (Channel)99 }, nameof(Valid.Channel)));
    }

    /// <summary>Runs only the rules of one property, none of which touches the database.</summary>
    private static async Task<List<string>> ErrorsAsync(RecordTransaction.Command command, string property)
    {
        var validator = new RecordTransaction.Validator(db: null!, new FixedClock(Now));
        var result = await validator.ValidateAsync(command, options => options.IncludeProperties(property));
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
