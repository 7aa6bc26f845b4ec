using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// The president logs a client's call (or email) invoking the guarantee: the contact, the transaction it is about or
/// none (then what was invoiced is entered by hand), what the client wants to pay and why. The same rule and the same
/// notices as an invocation through the survey link.
/// </summary>
public static class LogGuaranteeCall
{
    public sealed record Command : ICommand<Result>
    {
        public Guid? ContactId { get; init; }

        /// <summary>One of the client's transactions; ignored when <see cref="WithoutTransaction"/> is set.</summary>
        public Guid? TransactionId { get; init; }

        /// <summary>The call is about no particular transaction: the invoiced amount and currency are entered by hand.</summary>
        public bool WithoutTransaction { get; init; }

        public decimal? InvoicedAmount { get; init; }
        public string? Currency { get; init; }
        public decimal? ChosenAmount { get; init; }
        public string? Reason { get; init; }
        public GuaranteeChannel Channel { get; init; } = GuaranteeChannel.PhoneCall;
    }

    public sealed record Result(Guid Id, bool AlreadyOpen);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.ContactId).NotNull().WithMessage("Find and choose the client's contact first.");
            RuleFor(c => c.TransactionId).NotNull().When(c => !c.WithoutTransaction)
                .WithMessage("Choose the transaction the call is about, or “No particular transaction”.");
            When(c => c.WithoutTransaction, () =>
            {
                // The same ceiling as a recorded transaction's amount: beyond it SQL Server's decimal(18, 2) column refuses the row.
                RuleFor(c => c.InvoicedAmount).NotNull().WithMessage("Enter what was invoiced.")
                    .GreaterThanOrEqualTo(0).WithMessage("The invoiced amount cannot be negative.")
                    .LessThan(RecordTransaction.Validator.MaximumAmount).WithMessage("The invoiced amount must be less than 1,000,000,000,000.");
                RuleFor(c => c.Currency).NotEmpty().WithMessage("Enter the currency, such as EUR.")
                    .Matches("^[A-Za-z]{3}$").WithMessage("Use a three-letter currency code such as EUR.");
            });
            RuleFor(c => c.ChosenAmount).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter what the client wants to pay (0 for nothing).")
                .GreaterThanOrEqualTo(0).WithMessage("The amount cannot be negative.")
                .CustomAsync(async (chosen, context, cancellationToken) =>
                {
                    var command = context.InstanceToValidate;
                    var (invoiced, currency) = (command.InvoicedAmount, command.Currency?.ToUpperInvariant());
                    if (!command.WithoutTransaction)
                    {
                        var transaction = await db.Transactions.AsNoTracking().Where(t => t.Id == command.TransactionId)
                            .Select(t => new { t.InvoicedAmount, t.Currency }).SingleOrDefaultAsync(cancellationToken);
                        (invoiced, currency) = (transaction?.InvoicedAmount, transaction?.Currency);
                    }

                    if (chosen > invoiced)
                    {
                        context.AddFailure(string.Create(CultureInfo.InvariantCulture, $"The amount cannot be more than the {invoiced:N2} {currency} invoiced."));
                    }
                });
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the client invokes the guarantee.")
                .MaximumLength(GuaranteeInvocation.MaxReasonLength);
            RuleFor(c => c.Channel).IsInEnum();
        }
    }

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access, GuaranteeOpener opener, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var presidentId = access.PresidentId;
            var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(k => k.Id == command.ContactId, cancellationToken)
                ?? throw new NotFoundException("The contact");
            Transaction? transaction = null;
            if (!command.WithoutTransaction)
            {
                transaction = await db.Transactions.SingleOrDefaultAsync(t => t.Id == command.TransactionId && t.ClientId == contact.ClientId, cancellationToken)
                    ?? throw new Domain.Common.DomainException("That transaction is not one of this client's. Choose one from the list.");
            }

            var invocation = new GuaranteeInvocation(
                contact.ClientId, contact.Id, transaction?.Id, command.Channel,
                transaction?.InvoicedAmount ?? command.InvoicedAmount!.Value,
                transaction?.Currency ?? Transaction.NormaliseCurrency(command.Currency),
                command.ChosenAmount!.Value, command.Reason!, clock.GetUtcNow(), presidentId);
            var (id, alreadyOpen) = await opener.OpenAsync(invocation, transaction, cancellationToken);
            return new Result(id, alreadyOpen);
        }
    }
}
