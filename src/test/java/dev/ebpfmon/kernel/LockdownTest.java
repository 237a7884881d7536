package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockdownTest {

    @Test
    void bracketedWordIsTheMode() {
        assertThat(Lockdown.mode("[none] integrity confidentiality\n")).contains("none");
        assertThat(Lockdown.mode("none [integrity] confidentiality\n")).contains("integrity");
        assertThat(Lockdown.mode("none integrity [confidentiality]")).contains("confidentiality");
    }

    @Test
    void noBracketsNoMode() {
        assertThat(Lockdown.mode("none integrity confidentiality")).isEmpty();
        assertThat(Lockdown.mode("")).isEmpty();
    }
}
