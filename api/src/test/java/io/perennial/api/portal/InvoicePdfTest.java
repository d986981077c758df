package io.perennial.api.portal;

import io.micronaut.context.i18n.ResourceBundleMessageSource;
import io.perennial.api.billing.InvoiceView;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class InvoicePdfTest {

    private static final InvoicePdf PDF = new InvoicePdf(new ResourceBundleMessageSource(PortalMessages.BUNDLE));

    private static final InvoiceView INVOICE = new InvoiceView("7d1c7f7e-0000-4000-8000-000000000001", "INV-2027-0042",
            "7d1c7f7e-0000-4000-8000-000000000002", 3, "PAID", "EUR", Instant.parse("2027-03-01T00:00:00Z"),
            Instant.parse("2027-04-01T00:00:00Z"), 1299, 1299, Instant.parse("2027-03-01T00:00:00Z"),
            Instant.parse("2027-03-01T00:05:00Z"), List.of(new InvoiceView.Line("SUBSCRIPTION", "数字月刊 Digital monthly",
            1299)), false, null, "CHARGE_AUTOMATICALLY", null, null, false, "INCLUSIVE", 217, 1299,
            List.of(new InvoiceView.TaxLine("NL", "STANDARD", "BTW", new BigDecimal("21"), 1082, 217)), false, null,
            null, List.of());

    @Test
    void aChineseReaderGetsTheInvoiceInChineseWithTheAmountsWrittenTheChineseWay() throws IOException {
        byte[] rendered = PDF.render(INVOICE, Locale.forLanguageTag("zh-CN"));
        Files.write(Path.of("target", "invoice-zh.pdf"), rendered);
        try (PDDocument pdf = Loader.loadPDF(rendered)) {
            String text = new PDFTextStripper().getText(pdf);

            assertThat(text).contains("Perennial — 发票 INV-2027-0042", "开具日期: 2027年3月1日", "状态: 已支付",
                    "项目", "金额", "数字月刊 Digital monthly", "含税", "合计", "€12.99", "已付: 2027年3月1日")
                    .doesNotContain("Invoice", "Total");
            assertThat(fonts(pdf)).as("Latin embedded, Chinese in Adobe's GB1 font the viewer draws")
                    .anySatisfy(font -> assertThat(font).endsWith("LiberationSans embedded"))
                    .contains("STSong-Light-UniGB-UCS2-H");
        }
    }

    @Test
    void anEnglishReaderGetsItInEnglishWithTheLineAsWritten() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(PDF.render(INVOICE, Locale.ENGLISH))) {
            String text = new PDFTextStripper().getText(pdf);

            assertThat(text).contains("Perennial — Invoice INV-2027-0042", "Status: Paid", "数字月刊 Digital monthly",
                    "Total", "€12.99", "Mar 1, 2027");
        }
    }

    private static List<String> fonts(PDDocument pdf) throws IOException {
        List<String> names = new ArrayList<>();
        for (var name : pdf.getPage(0).getResources().getFontNames()) {
            PDFont font = pdf.getPage(0).getResources().getFont(name);
            names.add(font.getName() + (font.isEmbedded() ? " embedded" : ""));
        }
        return names;
    }
}
