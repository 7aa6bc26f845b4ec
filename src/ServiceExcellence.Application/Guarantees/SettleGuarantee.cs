using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// The president records the amount agreed with the client: with the credit issued the invocation is Settled,
/// otherwise Agreed until it is. The credit is invoiced − agreed.
/// </summary>
public static class SettleGuarantee
{
    public sealed record Command : ICommand
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public decimal? AgreedAmount { get; init; }
        public bool CreditIssued { get; init; }

        /// <summary>Null keeps the notes as they are.</summary>
        public string? Notes { get; init; }

        /// <summary>Null keeps the follow-up date as it is.</summary>
        public DateOnly? FollowUpOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.AgreedAmount).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter the amount agreed with the client (0 for nothing).")
                .GreaterThanOrEqualTo(0).WithMessage("The agreed amount cannot be negative.")
                .CustomAsync(async (agreed, context, cancellationToken) =>
                {
                    var invoiced = await db.GuaranteeInvocations.AsNoTracking().Where(g => g.Id == context.InstanceToValidate.Id)
                        .Select(g => new { g.InvoicedAmount, g.Currency }).SingleOrDefaultAsync(cancellationToken);
                    if (invoiced is not null && agreed > invoiced.InvoicedAmount)
                    {
                        context.AddFailure(string.Create(CultureInfo.InvariantCulture, $"The agreed amount cannot be more than the {invoiced.InvoicedAmount:N2} {invoiced.Currency} invoiced."));
                    }
                });
            RuleFor(c => c.Notes).MaximumLength(4_000);
        }
    }

    public sealed class Handler(GuaranteeAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var presidentId = access.PresidentId;
            var invocation = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            invocation.Settle(command.AgreedAmount!.Value, command.CreditIssued, command.Notes ?? invocation.PresidentNotes,
                command.FollowUpOn ?? invocation.FollowUpOn, presidentId, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
