package dev.ebpfmon.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0            | 0.0",
        "-0.04        | 0.0",
        "0.05         | 0.1",
        "3            | 3.0",
        "-12.34       | -12.3",
        "999.96       | 1,000.0",
        "1234.5       | 1,234.5",
        "1005         | 1,005.0",
        "1050.25      | 1,050.3",
        "9999.94      | 9,999.9",
        "9999.95      | 10.0k",
        "12345        | 12.3k",
        "-12345       | -12.3k",
        "999949       | 999.9k",
        "999950       | 1.0M",
        "1500000000   | 1.5G",
        "2.5e12       | 2.5T",
        "7e15         | 7.0P",
        "9.2e18       | 9.2E",
        "5e21         | 5000.0E",
        "NaN          | -",
        "Infinity     | -",
    })
    void formats(double value, String expected) {
        assertThat(HumanNumber.format(value)).isEqualTo(expected);
    }
}
