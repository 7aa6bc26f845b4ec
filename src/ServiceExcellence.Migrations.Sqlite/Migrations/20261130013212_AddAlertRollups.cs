using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceExcellence.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAlertRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_CreatedAt_Figures",
                table: "Alerts");

            migrationBuilder.CreateTable(
                name: "InsightAlertCategories",
                columns: table => new
                {
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FailureCategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevenueAtRisk = table.Column<double>(type: "REAL", nullable: false),
                    Alerts = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightAlertCategories", x => new { x.Scope, x.ScopeId, x.Period, x.Day, x.FailureCategoryId, x.ClientId, x.RevenueAtRisk });
                });

            migrationBuilder.CreateTable(
                name: "InsightAlertDays",
                columns: table => new
                {
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Raised = table.Column<long>(type: "INTEGER", nullable: false),
                    Acknowledged = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgeMilliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedInTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolveMilliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedInTime = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueAtRisk = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightAlertDays", x => new { x.Scope, x.ScopeId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_GuaranteeInvocations_CreatedAt",
                table: "GuaranteeInvocations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GuaranteeInvocations_SettledAt",
                table: "GuaranteeInvocations",
                column: "SettledAt");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Unresolved_Figures",
                table: "Alerts",
                columns: new[] { "CreatedAt", "AcknowledgedAt", "AcknowledgeBy", "ResolveBy", "ClientId", "ServiceLineId" },
                filter: "ResolvedAt IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightAlertCategories");

            migrationBuilder.DropTable(
                name: "InsightAlertDays");

            migrationBuilder.DropIndex(
                name: "IX_GuaranteeInvocations_CreatedAt",
                table: "GuaranteeInvocations");

            migrationBuilder.DropIndex(
                name: "IX_GuaranteeInvocations_SettledAt",
                table: "GuaranteeInvocations");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Unresolved_Figures",
                table: "Alerts");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_CreatedAt_Figures",
                table: "Alerts",
                columns: new[] { "CreatedAt", "AcknowledgedAt", "ResolvedAt", "AcknowledgeBy", "ResolveBy", "RevenueAtRisk" });
        }
    }
}
