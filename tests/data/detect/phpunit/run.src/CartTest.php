<?php
use PHPUnit\Framework\TestCase;

final class CartTest extends TestCase
{
    public function testAddItem(): void
    {
        $items = [1, 2];
        $this->assertSame(3, count($items));
    }

    public function testTotal(): void
    {
        $this->assertEquals("4.50", number_format(4.5, 1));
    }

    public function testCoupon(): void
    {
        $coupon = new Coupon("SAVE10");
        $this->assertTrue($coupon->valid());
    }

    public function testEmpty(): void
    {
        $this->assertSame([], []);
    }
}
