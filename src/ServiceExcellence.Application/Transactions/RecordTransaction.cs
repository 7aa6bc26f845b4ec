using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Transactions;

/// <summary>
/// Records a transaction, idempotently: a second command with the same source system and external reference
/// stores nothing and answers with the transaction recorded first.
/// </summary>
public static class RecordTransaction
{
    public sealed record Command : ICommand<Result>
    {
        /// <summary>Who sends the transaction; the staff form always records <see cref="Transaction.ManualSource"/>.</summary>
        public string SourceSystem { get; init; } = Transaction.ManualSource;

        /// <summary>The idempotency key within the source system; a manual transaction without one gets a generated <c>MAN-</c> reference.</summary>
        public string? ExternalReference { get; init; }

        public Guid? ClientId { get; init; }
        public Guid? ContactId { get; init; }
        public Guid? ServiceLineId { get; init; }
        public Guid? PerformedByPersonId { get; init; }

        /// <summary>Defaults to the service line's operations team when empty.</summary>
        public Guid? PerformedByTeamId { get; init; }

        /// <summary>When it happened, in UTC; a value without a kind (a form's date and time) is read as UTC.</summary>
        public DateTime? OccurredAt { get; init; }

        public Channel Channel { get; init; } = Channel.Phone;
        public decimal InvoicedAmount { get; init; }
        public string? Currency { get; init; } = "EUR";
    }

    /// <summary>The recorded transaction; <c>Created</c> is false when it had been recorded before and nothing new was stored.</summary>
    public sealed record Result(bool Created, Guid Id, string ExternalReference);

    public sealed class Validator : AbstractValidator<Command>
    {
        public const decimal MaximumAmount = 1_000_000_000_000m;

        public Validator(IAppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.SourceSystem).NotEmpty().MaximumLength(Limits.SourceSystem);
            RuleFor(c => c.ExternalReference)
                .MaximumLength(Limits.ExternalReference).WithMessage($"The external reference must be at most {Limits.ExternalReference} characters.");
            RuleFor(c => c.ExternalReference)
                .NotEmpty().WithMessage("Send the transaction's reference in your system: it is what makes recording idempotent.")
                .When(c => !IsManual(c.SourceSystem));
            RuleFor(c => c.ClientId).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the client.")
                .MustAsync((id, ct) => db.Clients.AnyAsync(c => c.Id == id, ct)).WithMessage("Choose one of the clients.");
            RuleFor(c => c.ContactId).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the contact at the client.")
                .MustAsync((command, id, ct) => db.Contacts.AnyAsync(k => k.Id == id && k.ClientId == command.ClientId, ct))
                .WithMessage("Choose one of this client's contacts.")
                .When(c => c.ClientId is not null, ApplyConditionTo.CurrentValidator);
            RuleFor(c => c.ServiceLineId).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the service line.")
                .MustAsync((id, ct) => db.ServiceLines.AnyAsync(s => s.Id == id, ct)).WithMessage("Choose one of the service lines.");
            RuleFor(c => c.PerformedByPersonId)
                .MustAsync((id, ct) => db.People.AnyAsync(p => p.Id == id, ct)).WithMessage("Choose one of the people.")
                .When(c => c.PerformedByPersonId is not null);
            RuleFor(c => c.PerformedByTeamId)
                .MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == id, ct)).WithMessage("Choose one of the teams.")
                .When(c => c.PerformedByTeamId is not null);
            RuleFor(c => c.OccurredAt).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter when it happened.")
                .Must(at => ToUtc(at!.Value) <= clock.GetUtcNow().AddDays(1)).WithMessage("It cannot have happened more than a day from now.");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Choose how it took place.");
            RuleFor(c => c.InvoicedAmount)
                .GreaterThanOrEqualTo(0).WithMessage("The invoiced amount cannot be negative.")
                .LessThan(MaximumAmount).WithMessage("The invoiced amount must be less than 1,000,000,000,000.");
            RuleFor(c => c.Currency)
                .Must(c => c?.Trim() is { Length: 3 } code && code.All(char.IsAsciiLetter))
                .WithMessage("Enter a three-letter currency code such as EUR or USD.");
        }
    }

    public sealed class Handler(IAppDbContext db, SurveyInviter inviter) : ICommandHandler<Command, Result>
    {
        // No 0/O or 1/I/L, so a reference read out over the phone is not misheard.
        private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var source = command.SourceSystem.Trim().ToLowerInvariant();
            var reference = command.ExternalReference?.Trim();
            if (string.IsNullOrEmpty(reference))
            {
                reference = await NewManualReferenceAsync(source, cancellationToken);
            }
            else if (await db.Transactions.AsNoTracking()
                .Where(t => t.SourceSystem == source && t.ExternalReference == reference)
                .Select(t => (Guid?)t.Id)
                .FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return new Result(Created: false, existing, reference);
            }

            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken)
                ?? throw new NotFoundException("The client");
            var contact = await db.Contacts.SingleOrDefaultAsync(k => k.Id == command.ContactId, cancellationToken)
                ?? throw new NotFoundException("The contact");
            var serviceLine = await db.ServiceLines.SingleOrDefaultAsync(s => s.Id == command.ServiceLineId, cancellationToken)
                ?? throw new NotFoundException("The service line");
            var transaction = new Transaction(
                source, reference, client, contact, serviceLine, command.PerformedByPersonId, command.PerformedByTeamId,
                ToUtc(command.OccurredAt!.Value), command.Channel, command.InvoicedAmount, command.Currency!);
            db.Transactions.Add(transaction);

            // The survey invitation (or the reason there is none) and its email are stored with the transaction.
            await inviter.InviteAsync(transaction, client, contact, serviceLine, cancellationToken);
            return new Result(Created: true, transaction.Id, transaction.ExternalReference);
        }

        /// <summary>A short reference nobody has used yet, so the new transaction is never mistaken for a repeat.</summary>
        private async Task<string> NewManualReferenceAsync(string source, CancellationToken cancellationToken)
        {
            while (true)
            {
                var reference = "MAN-" + RandomNumberGenerator.GetString(ReferenceAlphabet, 8);
                if (!await db.Transactions.AnyAsync(t => t.SourceSystem == source && t.ExternalReference == reference, cancellationToken))
                {
                    return reference;
                }
            }
        }
    }

    public static DateTimeOffset ToUtc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc), TimeSpan.Zero),
    };

    private static bool IsManual(string? source) =>
        string.Equals(source?.Trim(), Transaction.ManualSource, StringComparison.OrdinalIgnoreCase);
}
