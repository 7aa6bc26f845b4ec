using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// The customer invokes the unconditional guarantee through their survey link: what the service was worth to them
/// (from nothing up to the invoiced amount) and why. A second attempt while one is open changes nothing and
/// answers with the open one. The customer gets a confirmation email in their language.
/// </summary>
public static partial class InvokeGuarantee
{
    public sealed record Command : ICommand<Result>
    {
        public string Token { get; init; } = string.Empty;

        /// <summary>As the customer typed it: "120.50" or "120,50".</summary>
        public string? ChosenAmount { get; init; }

        public string? Reason { get; init; }
        public string Language { get; init; } = "en";
    }

    public sealed record Result(Guid Id, bool AlreadyOpen);

    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Messages are in the customer's language (the page sets the culture).</summary>
        public Validator(IAppDbContext db, IStringLocalizer<SurveyText> text)
        {
            RuleFor(c => c.ChosenAmount).CustomAsync(async (typed, context, cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(typed))
                {
                    context.AddFailure(text["ErrorAmountRequired"]);
                }
                else if (!TryParseAmount(typed, out var amount))
                {
                    context.AddFailure(text["ErrorAmountNumber"]);
                }
                else if (amount < 0)
                {
                    context.AddFailure(text["ErrorAmountNegative"]);
                }
                else if (await InvoicedAsync(db, context.InstanceToValidate.Token, cancellationToken) is { } invoiced && amount > invoiced.Amount)
                {
                    var culture = CultureInfo.CurrentCulture;
                    context.AddFailure(string.Format(culture, text["ErrorAmountAboveInvoiced"], $"{invoiced.Amount.ToString("N2", culture)} {invoiced.Currency}"));
                }
            });
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => text["ErrorReasonRequired"])
                .MaximumLength(GuaranteeInvocation.MaxReasonLength).WithMessage(_ => text["ErrorReasonLength"]);
            RuleFor(c => c.Language).NotEmpty().MaximumLength(10);
        }

        private static async Task<(decimal Amount, string Currency)?> InvoicedAsync(IAppDbContext db, string token, CancellationToken cancellationToken)
        {
            var invitationId = await SurveyTokens.FindInvitationAsync(db, token, cancellationToken);
            var invoiced = await (
                from i in db.SurveyInvitations.AsNoTracking()
                where i.Id == invitationId
                join t in db.Transactions on i.TransactionId equals t.Id
                select new { t.InvoicedAmount, t.Currency }).SingleOrDefaultAsync(cancellationToken);
            return invoiced is null ? null : (invoiced.InvoicedAmount, invoiced.Currency);
        }
    }

    /// <summary>
    /// Reads an amount as customers type it in English, Spanish or German: digits with an optional point or comma
    /// and at most two decimals ("120", "120.5", "120,50"); a sign is read so that a negative amount gets its own message.
    /// Thousands separators are refused rather than guessed ("1.000" is one thousand in German, one in English).
    /// </summary>
    public static bool TryParseAmount(string? typed, out decimal amount)
    {
        amount = 0;
        var compact = (typed ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace('−', '-');
        return AmountPattern().IsMatch(compact)
            && decimal.TryParse(compact.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    [GeneratedRegex(@"^-?\d{1,12}([.,]\d{1,2})?$")]
    private static partial Regex AmountPattern();

    public sealed class Handler(IAppDbContext db, GuaranteeOpener opener, IStringLocalizer<SurveyText> text, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitationId = await SurveyTokens.FindInvitationAsync(db, command.Token, cancellationToken)
                ?? throw new NotFoundException("The guarantee link");
            var invitation = await db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.Id == invitationId, cancellationToken);
            var transaction = await db.Transactions.SingleAsync(t => t.Id == invitation.TransactionId, cancellationToken);
            var now = clock.GetUtcNow();
            if (await opener.OpenForAsync(transaction.Id, cancellationToken) is { } open)
            {
                return new Result(open.Id, AlreadyOpen: true);
            }

            if (!OpenGuarantee.IsUsable(invitation.Status, invitation.ExpiresAt, now) || !TryParseAmount(command.ChosenAmount, out var chosen))
            {
                throw new NotFoundException("The guarantee link");
            }

            var invocation = new GuaranteeInvocation(transaction.ClientId, invitation.ContactId, transaction.Id, GuaranteeChannel.SurveyLink,
                transaction.InvoicedAmount, transaction.Currency, chosen, command.Reason!, now, loggedById: null);
            var (id, alreadyOpen) = await opener.OpenAsync(invocation, transaction, cancellationToken);
            if (!alreadyOpen)
            {
                await ConfirmAsync(invocation, invitation.ContactId, command.Language, transaction.ServiceLineId, transaction.OccurredAt, cancellationToken);
            }

            return new Result(id, alreadyOpen);
        }

        /// <summary>The customer's confirmation, in the language of the page they used.</summary>
        private async Task ConfirmAsync(GuaranteeInvocation invocation, Guid contactId, string language, Guid serviceLineId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
        {
            var contact = await db.Contacts.AsNoTracking().SingleAsync(k => k.Id == contactId, cancellationToken);
            if (contact.Email is null)
            {
                return;
            }

            var serviceLine = await db.ServiceLines.AsNoTracking().Where(s => s.Id == serviceLineId).Select(s => s.Name).SingleAsync(cancellationToken);
            var previous = CultureInfo.CurrentUICulture;
            var culture = CultureInfo.GetCultureInfo(SurveyText.Supported(language));
            CultureInfo.CurrentUICulture = culture;
            try
            {
                var date = occurredAt.ToString("d MMMM yyyy", culture);
                var chosen = $"{invocation.ChosenAmount.ToString("N2", culture)} {invocation.Currency}";
                var invoiced = $"{invocation.InvoicedAmount.ToString("N2", culture)} {invocation.Currency}";
                var subject = string.Format(culture, text["GuaranteeEmailSubject"], serviceLine, date);
                var greeting = string.Format(culture, text["EmailGreeting"], contact.Name);
                var body = string.Format(culture, text["GuaranteeEmailBody"], serviceLine, date, chosen, invoiced);
                var reasonLabel = text["GuaranteeEmailReason"].Value;
                var plain = $"{greeting}\n\n{body}\n\n{reasonLabel}\n{invocation.Reason}\n";
                static string H(string value) => WebUtility.HtmlEncode(value);
                var html = $"""
                    <!DOCTYPE html><html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{H(subject)}</title></head>
                    <body style="font:15px/1.5 Arial,sans-serif;color:#1f2933"><p>{H(greeting)}</p><p>{H(body)}</p>
                    <p style="margin-bottom:4px">{H(reasonLabel)}</p><blockquote style="border-left:3px solid #52606d;margin:0;padding-left:12px">{H(invocation.Reason)}</blockquote>
                    </body></html>
                    """;
                db.OutboxMessages.Add(new OutboxMessage(EmailKinds.GuaranteeConfirmation, contact.Email, contact.Name, subject, plain, html, invocation.CreatedAt));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
